// The react wiring corpus (tests/fixtures/wiring/react/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('react').run();

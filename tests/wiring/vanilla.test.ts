// The vanilla wiring corpus (tests/fixtures/wiring/vanilla/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('vanilla').run();

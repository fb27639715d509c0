// The next wiring corpus (tests/fixtures/wiring/next/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('next').run();

// The express wiring corpus (tests/fixtures/wiring/express/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('express').run();

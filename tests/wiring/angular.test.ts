// The angular wiring corpus (tests/fixtures/wiring/angular/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('angular').run();

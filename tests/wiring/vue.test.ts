// The vue wiring corpus (tests/fixtures/wiring/vue/): see ./corpus.ts.
import { wiringCorpus } from './corpus.js';

wiringCorpus('vue').run();

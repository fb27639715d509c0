// Rails route sets: each case is config/routes.rb.
import { ruby } from '../../generators/syntax/tree-sitter.js';
import { rails } from '../../generators/targets/backend/rails.js';
import { corpusSuite } from './file-corpus.js';

corpusSuite({
  name: 'rails',
  target: rails,
  grammar: ruby,
  ext: 'rb',
  check: ['ruby', '-c'],
  layout: () => ({ file: 'config/routes.rb' }),
}).run();

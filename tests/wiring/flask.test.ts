// Flask app shapes: a case named package-* is the app package's app/__init__.py (the generated
// module goes beside it, imported as `from . import intercom_jwt`); any other is app.py.
import { python } from '../../generators/syntax/tree-sitter.js';
import { flask } from '../../generators/targets/backend/flask.js';
import { corpusSuite } from './file-corpus.js';

corpusSuite({
  name: 'flask',
  target: flask,
  grammar: python,
  ext: 'py',
  check: ['/usr/bin/python3', '-c', 'import ast, sys; ast.parse(sys.stdin.read())'],
  layout: (name) => ({ file: name.startsWith('package-') ? 'app/__init__.py' : 'app.py' }),
}).run();

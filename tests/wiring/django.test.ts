// Django root URLconfs: each case is mysite/urls.py, the ROOT_URLCONF of mysite/settings.py
// next to manage.py.
import { python } from '../../generators/syntax/tree-sitter.js';
import { django } from '../../generators/targets/backend/django.js';
import { corpusSuite } from './file-corpus.js';

corpusSuite({
  name: 'django',
  target: django,
  grammar: python,
  ext: 'py',
  check: ['/usr/bin/python3', '-c', 'import ast, sys; ast.parse(sys.stdin.read())'],
  layout: () => ({
    file: 'mysite/urls.py',
    others: {
      'manage.py': "import os\nimport sys\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/__init__.py': '',
      'mysite/settings.py': "ROOT_URLCONF = 'mysite.urls'\n",
    },
  }),
}).run();

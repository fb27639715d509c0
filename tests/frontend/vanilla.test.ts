import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { frontendContractSuite, generateFrontend, WORKSPACE_ID } from '../helpers/frontend-contract.js';
import { runPlop } from '../helpers/plop.js';
import { snapshotTree, tempDir } from '../helpers/workspace.js';

frontendContractSuite({
  framework: 'vanilla',
  deepLink: '/docs/page',
  build: async (region) => {
    const dir = tempDir(`vanilla-${region}`, 'frontend/vanilla');
    generateFrontend(dir, 'vanilla', region);
    return dir;
  },
}).run();

const generator = suite('intercom-frontend --framework vanilla: --basePath');
const page = (dir: string) => fs.readFileSync(path.join(dir, 'index.html'), 'utf8');

generator('the tags are root-absolute, under --basePath when given (its trailing / added)', () => {
  const root = tempDir('vanilla-base-root', 'frontend/vanilla');
  generateFrontend(root, 'vanilla', 'us');
  assert.match(page(root), '<link rel="modulepreload" href="/intercom/messenger.js">');
  assert.match(page(root), '<script type="module" src="/intercom/start.js"></script>');

  const docs = tempDir('vanilla-base-docs', 'frontend/vanilla');
  generateFrontend(docs, 'vanilla', 'us', { basePath: '/docs' });
  assert.match(page(docs), '<link rel="modulepreload" href="/docs/intercom/messenger.js">');
  assert.match(page(docs), '<script type="module" src="/docs/intercom/start.js"></script>');
});

for (const bad of ['docs/', '/docs/../x/', '/a b/', '/docs?x=1']) {
  generator(`--basePath ${bad} is refused, naming the flag, and nothing is written`, () => {
    const dir = tempDir('vanilla-base-bad', 'frontend/vanilla');
    const before = snapshotTree(dir);
    const result = runPlop('intercom-frontend', dir, { framework: 'vanilla', workspaceId: WORKSPACE_ID, basePath: bad });
    assert.is.not(result.code, 0, result.output);
    assert.match(result.output, '--basePath');
    assert.equal(snapshotTree(dir), before);
  });
}

generator.run();

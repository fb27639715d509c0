// Prints the Debian packages every target's tests need, one per line: the union of the host
// descriptors (tests/backend/*.host.json, tests/frontend/*.host.json). No imports beyond Node's
// own, since .ci/run calls it before npm ci.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const tests = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests');
const packages = new Set();
for (const side of ['backend', 'frontend']) {
  for (const file of fs
    .readdirSync(path.join(tests, side))
    .filter((name) => name.endsWith('.host.json'))
    .sort()) {
    for (const name of JSON.parse(fs.readFileSync(path.join(tests, side, file), 'utf8')).debianPackages) packages.add(name);
  }
}
process.stdout.write([...packages].map((name) => `${name}\n`).join(''));

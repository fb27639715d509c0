// The host app's own lint and format tools, run on what a generator wrote: generated code must
// pass the checks the starter ships (`npm run lint`), as if its authors had written it.
import { snapshotTree } from './workspace.js';

/** The files that `run` created or changed in dir, relative to it, sorted. */
export function filesWrittenBy(dir: string, run: () => void): string[] {
  const before = snapshotTree(dir);
  run();
  const after = snapshotTree(dir);
  return Object.keys(after)
    .filter((file) => after[file] !== before[file])
    .sort();
}

/** Of those files, the ones a linter of this kind reads (by extension), failing if there are none. */
export function sourceFiles(files: string[], extensions: RegExp): string[] {
  const sources = files.filter((file) => extensions.test(file));
  if (sources.length === 0) throw new Error(`No file matching ${extensions} among the written files: ${files.join(', ')}`);
  return sources;
}

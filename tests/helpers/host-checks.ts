// The host app's own lint and format tools, run on what a generator wrote: generated code must
// pass the checks the starter ships (`npm run lint`), as if its authors had written it.
import { snapshotTree } from './workspace.js';

/** What `run` returned, and the files it created or changed in dir (relative to it, sorted). */
export function filesWrittenBy<T>(dir: string, run: () => T): { result: T; files: string[] } {
  const before = snapshotTree(dir);
  const result = run();
  const after = snapshotTree(dir);
  const files = Object.keys(after)
    .filter((file) => after[file] !== before[file])
    .sort();
  return { result, files };
}

/** Of those files, the ones a linter of this kind reads (by extension), failing if there are none. */
export function sourceFiles(files: string[], extensions: RegExp): string[] {
  const sources = files.filter((file) => extensions.test(file));
  if (sources.length === 0) throw new Error(`No file matching ${extensions} among the written files: ${files.join(', ')}`);
  return sources;
}

// Generated files in the host's own format. Where the project formats with Prettier (it lists
// prettier in a package.json inside --dest, has a config, and the package is installed), each generated file goes through the project's Prettier before
// its hash is recorded: `prettier --check` passes on it, and the app's `npm run format` leaves it
// as generated, so a re-run still knows nobody edited it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Prettier = typeof import('prettier');

const loaded = new Map<string, Promise<Prettier | undefined>>();

/** The Prettier the file's own folder resolves (a monorepo app may have its own), or none. */
function prettierFor(file: string): Promise<Prettier | undefined> {
  let entry: string;
  try {
    entry = createRequire(file).resolve('prettier');
  } catch {
    return Promise.resolve(undefined);
  }
  if (!loaded.has(entry))
    loaded.set(
      entry,
      import(pathToFileURL(entry).href).then((m: Prettier & { default?: Prettier }) => m.default ?? m),
    );
  return loaded.get(entry)!;
}

/** Whether a package.json from the file's folder up to `root` lists prettier: a config above --dest alone is not the app's. */
function listsPrettier(root: string, file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (manifest?.devDependencies?.prettier || manifest?.dependencies?.prettier) return true;
    } catch {
      // no package.json here, or not one we can read: keep looking up
    }
    if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return false;
  }
}

/**
 * The content formatted as the project's Prettier would write `file`; unchanged where the project
 * has no Prettier or no config for it, ignores the file, or cannot parse its language.
 */
export async function hostFormat(root: string, file: string, content: string): Promise<string> {
  if (!listsPrettier(root, file)) return content;
  const prettier = await prettierFor(file);
  const configFile = prettier && (await prettier.resolveConfigFile(file));
  if (!prettier || !configFile) return content;
  const options = await prettier.resolveConfig(file, { editorconfig: true });
  // Prettier looks plugins named in the config up from the working folder: look them up from the config.
  const require = createRequire(configFile);
  const plugins = options?.plugins?.map((plugin) => {
    if (typeof plugin !== 'string' || plugin.startsWith('.') || path.isAbsolute(plugin)) return plugin;
    try {
      return require.resolve(plugin);
    } catch {
      return plugin;
    }
  });
  // The parser is inferred with those plugins, not with the config's names (resolved from the working folder).
  const info = await prettier.getFileInfo(file, {
    ignorePath: [path.join(root, '.gitignore'), path.join(root, '.prettierignore')],
    resolveConfig: false,
    ...(plugins && { plugins }),
  });
  if (info.ignored || !info.inferredParser) return content;
  return prettier.format(content, { ...options, ...(plugins && { plugins }), filepath: file });
}

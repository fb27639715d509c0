// 1. Client weight: the generated integration (core + adapter) for each frontend target,
// bundled by esbuild (minified, ES2020, framework packages external) and gzipped at level 9,
// next to @intercom/messenger-js-sdk and react-use-intercom bundled the same way.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { runPlop } from '../tests/helpers/plop.js';
import { toolchain } from '../tests/helpers/toolchains.js';
import { snapshotTree, tempDir } from '../tests/helpers/workspace.js';
import { log } from './lib/stats.js';
import { frontendCases, frontendFlags } from './lib/targets.js';

export const TARGET_BYTES = 1024;

/** Framework packages: the app already ships them, so they are left out of every bundle. */
export const FRAMEWORK_EXTERNALS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router',
  'react-router/*',
  'react-router-dom',
  'next',
  'next/*',
  'vue',
  'vue-router',
  '@angular/*',
  'rxjs',
  'rxjs/*',
  '@ember/*',
  '@glimmer/*',
];

export const SDK_TOOLCHAIN = {
  name: 'bench-sdks',
  packageJson: {
    private: true,
    type: 'module',
    dependencies: {
      '@intercom/messenger-js-sdk': '0.0.20',
      'react-use-intercom': '5.8.0',
      'react-live-chat-loader': '2.11.0',
      react: '^19.3.1',
      'react-dom': '^19.3.1',
    },
  },
};

export interface Bundle {
  minified: number;
  gzip: number;
  /** Bare imports left external (the framework), and packages bundled in. */
  external: string[];
  inputs: string[];
}

export interface WeightRow extends Bundle {
  id: string;
  label: string;
  framework: string;
  /** Client core alone, bundled the same way: the rest is the adapter. */
  coreGzip: number;
  meetsTarget: boolean;
  /** Constructs in the adapter's source known to cost bytes beyond the core (see ADAPTER_COSTS). */
  adapterCosts: string[];
}

export interface WeightResult {
  targetBytes: number;
  /** --launcher facade: the vanilla core with it and without it (both --load interaction), gz. */
  facade?: { withFacade: number; without: number; targetBytes: number };
  esbuild: string;
  rows: WeightRow[];
  references: Array<Bundle & { id: string; label: string; version: string }>;
}

const gzip = (code: Uint8Array) => zlib.gzipSync(code, { level: 9 }).length;

/** Minified ES2020 ESM bundle of `entry` (source text, resolved from resolveDir), gzipped. */
export async function bundle(contents: string, resolveDir: string, generated = true): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: 'bench-entry.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    jsx: 'automatic',
    external: FRAMEWORK_EXTERNALS,
    // Generated .js files may hold JSX (Next without TypeScript) or decorators, of the legacy
    // kind that Angular's and Ember's own builds compile. Published packages load as they are.
    ...(generated && {
      loader: { '.js': 'tsx', '.jsx': 'tsx' },
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    }),
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzip(code), ...imports(result.metafile!, resolveDir) };
}

function imports(metafile: Metafile, root: string) {
  const external = new Set<string>();
  for (const output of Object.values(metafile.outputs)) for (const i of output.imports) if (i.external) external.add(i.path);
  const inputs = Object.keys(metafile.inputs)
    .filter((input) => input !== 'bench-entry.ts')
    .map((input) => (input.includes('node_modules/') ? input.replace(/^.*node_modules\//, '') : path.relative(root, path.resolve(input))));
  return { external: [...external].sort(), inputs };
}

/**
 * An entry that imports what an app imports: every export of the generated files that no other
 * generated file imports (the adapter; the core comes in through it), re-exported under short
 * names. A namespace re-export would add esbuild's __export helper, which no app pays. A module
 * without exports (vanilla's start.js) is imported for its effects, as its page does.
 */
export async function entryFor(dir: string, files: string[]): Promise<string> {
  const modules = [];
  for (const file of files) {
    const result = await build({
      entryPoints: [path.join(dir, file)],
      bundle: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      packages: 'external',
      format: 'esm',
      jsx: 'automatic',
      loader: { '.js': 'tsx', '.jsx': 'tsx' },
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.relative(dir, path.resolve(input)));
    modules.push({ file, inputs, exports: Object.values(result.metafile.outputs).flatMap((output) => output.exports) });
  }
  const imported = new Set(modules.flatMap((m) => m.inputs.filter((input) => input !== m.file)));
  let n = 0;
  return modules
    .filter((m) => !imported.has(m.file))
    .map((m) => (m.exports.length ? `export { ${m.exports.map((name) => `${name} as e${n++}`).join(', ')} } from './${m.file}';` : `import './${m.file}';`))
    .join('\n');
}

/** What an adapter may hold that weighs more than wiring the core to the framework. */
const ADAPTER_COSTS: Array<[RegExp, string]> = [
  [/^\s*@\w+/m, "a decorator (esbuild's legacy `__decorateClass` helper comes with it)"],
  [/isPlatformBrowser/, '`isPlatformBrowser(PLATFORM_ID)` (the core already returns early without `window`)'],
  [/takeUntilDestroyed/, '`DestroyRef` + `takeUntilDestroyed` (a root service lives as long as the app)'],
  [/from 'rxjs'/, 'an rxjs operator pipe (an `instanceof` test in `subscribe` does the same)'],
  [/watchHistory/, '`history.pushState`/`replaceState` patching with its restore function (no router to listen to)'],
];

const SOURCE = /\.(m?[jt]sx?)$/;

/** Generates the target (`extra` flags added) into a copy of its host fixture; returns the folder and the new source files. */
export function generateInto(c: (typeof frontendCases)[number], extra: Record<string, string> = {}) {
  const dir = tempDir(`bench-weight-${c.id}`, c.fixture);
  const before = snapshotTree(dir);
  const result = runPlop('intercom-frontend', dir, { ...frontendFlags(c), ...extra });
  if (result.code !== 0) throw new Error(`intercom-frontend ${c.id} failed:\n${result.output}`);
  const after = snapshotTree(dir);
  const files = Object.keys(after).filter((file) => !(file in before) && SOURCE.test(file));
  return { dir, files };
}

export async function measureWeight(): Promise<WeightResult> {
  const rows: WeightRow[] = [];
  for (const c of frontendCases) {
    const { dir, files } = generateInto(c);
    const all = await bundle(await entryFor(dir, files), dir);
    const core = files.find((file) => /export (async )?function bootIntercom\b/.test(fs.readFileSync(path.join(dir, file), 'utf8')));
    const coreOnly = core ? await bundle(`export * from './${core}';`, dir) : undefined;
    rows.push({
      id: c.id,
      label: c.label,
      framework: c.framework,
      ...all,
      coreGzip: coreOnly?.gzip ?? NaN,
      adapterCosts: ADAPTER_COSTS.filter(([pattern]) => files.some((file) => file !== core && pattern.test(fs.readFileSync(path.join(dir, file), 'utf8')))).map(
        ([, note]) => note,
      ),
      meetsTarget: all.gzip <= TARGET_BYTES,
    });
    log(`weight ${c.id}: ${all.gzip} B gz (${all.minified} B min), core ${coreOnly?.gzip} B gz`);
  }

  const facade = await measureFacade();
  log(`weight facade: ${facade.withFacade - facade.without} B gz (core ${facade.without} → ${facade.withFacade} B gz)`);

  const sdkDir = toolchain(SDK_TOOLCHAIN);
  const version = (name: string) => JSON.parse(fs.readFileSync(path.join(sdkDir, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  const references = [];
  for (const [id, label] of [
    ['@intercom/messenger-js-sdk', 'Intercom Messenger JS SDK (all exports)'],
    ['react-use-intercom', 'react-use-intercom (all exports, React external)'],
  ] as const) {
    const measured = await bundle(`export * from '${id}';`, sdkDir, false);
    references.push({ id, label, version: version(id), ...measured });
    log(`weight ${id}@${version(id)}: ${measured.gzip} B gz (${measured.minified} B min)`);
  }
  const esbuildVersion = (await import('esbuild')).version;
  return { targetBytes: TARGET_BYTES, facade, esbuild: esbuildVersion, rows, references };
}

/** What --launcher facade adds to the core: the same core generated with it and without it. */
export async function measureFacade() {
  const vanilla = frontendCases.find((c) => c.framework === 'vanilla')!;
  const core = async (extra: Record<string, string>) => {
    const dir = tempDir('bench-facade', vanilla.fixture);
    const result = runPlop('intercom-frontend', dir, { ...frontendFlags(vanilla), load: 'interaction', ...extra });
    if (result.code !== 0) throw new Error(`intercom-frontend --launcher facade failed:\n${result.output}`);
    return (await bundle(`export * from './intercom/messenger.js';`, dir)).gzip;
  };
  return { without: await core({}), withFacade: await core({ launcher: 'facade' }), targetBytes: TARGET_BYTES };
}

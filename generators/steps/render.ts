// Templates and partials live in templates/; this registers the partials with plop's
// Handlebars once and renders a target's FileSpecs into the plan.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { NodePlopAPI } from 'plop';
import type { FileSpec } from '../targets/types.js';
import { relativeImport } from '../syntax/javascript.js';
import { HASH_SLOT, type Plan } from './plan.js';

/** The package root, both from the sources (plopfile.ts) and from the compiled dist/. */
export const packageRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export const templatesDir = path.join(packageRoot, 'templates');

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/**
 * A value as a string literal of the generated file's language, quoted the way its templates
 * quote. Handlebars' {{value}} would HTML-escape it (`&#x27;` inside code), which is no escaping
 * for code at all; these escape for the language instead.
 */
export const stringLiteral = {
  // JSON's escapes are valid in JavaScript; only the quote changes.
  js: (value: string) => `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`,
  py: (value: string) => JSON.stringify(value),
  // Single-quoted Ruby and PHP strings know only two escapes, and interpolate nothing.
  rb: (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`,
  php: (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`,
};

/** Registers templates/partials/<name>.hbs as the partial `<name>` (e.g. `backend/claims`), and the helpers. */
export function registerPartials(plop: NodePlopAPI): void {
  const partialsDir = path.join(templatesDir, 'partials');
  for (const file of walk(partialsDir)) {
    const name = path
      .relative(partialsDir, file)
      .replace(/\\/g, '/')
      .replace(/\.hbs$/, '');
    plop.setPartial(name, fs.readFileSync(file, 'utf8'));
  }
  plop.setHelper('contentHash', () => HASH_SLOT);
  // {{importPath core}}: the module specifier of another generated file, from the one being rendered;
  // without its extension (bundlers resolve it) unless the context sets importExtensions (browser ESM).
  plop.setHelper('importPath', (target: string, options: { data: { root: { outputFile: string; importExtensions?: boolean } } }) => {
    const { outputFile, importExtensions } = options.data.root;
    return relativeImport(outputFile, importExtensions ? target : target.replace(/\.[jt]sx?$/, ''));
  });
  plop.setHelper('json', (value: unknown) => JSON.stringify(value));
  // {{js jwtEndpoint}} → '/api/intercom-jwt', quotes included.
  for (const [language, literal] of Object.entries(stringLiteral)) {
    plop.setHelper(language, (value: unknown) => new Handlebars.SafeString(literal(String(value ?? ''))));
  }
  // {{t ": string"}}: a type annotation, written only when the project uses TypeScript.
  // SafeString: `Promise<void>` must not come out HTML-escaped as `Promise&lt;void&gt;`.
  plop.setHelper('t', (text: string, options: { data: { root: { typescript?: boolean } } }) =>
    options.data.root.typescript ? new Handlebars.SafeString(text) : '',
  );
}

export function renderFile(plop: NodePlopAPI, template: string, data: object): string {
  return plop.renderString(fs.readFileSync(path.join(templatesDir, template), 'utf8'), data);
}

/**
 * A target's files: every template under templates/<side>/<id>/, written to its path there without
 * `.hbs`, each `[key]` filled in from the data (`[dir]/useIntercom.[ext].hbs` → `src/intercom/useIntercom.ts`).
 */
export function targetFiles(side: 'backend' | 'frontend', id: string, data: object): FileSpec[] {
  const values = data as Record<string, unknown>;
  const root = path.join(templatesDir, side, id);
  return [...walk(root)].sort().map((file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const to = relative.replace(/\.hbs$/, '').replace(/\[(\w+)\]/g, (_, key: string) => {
      const value = values[key];
      if (typeof value !== 'string') throw new Error(`templates/${side}/${id}/${relative}: the target's context has no string "${key}"`);
      return value;
    });
    return { template: `${side}/${id}/${relative}`, to };
  });
}

/** Renders each file with `outputFile` set to its destination, for the importPath helper. */
export function renderInto(plan: Plan, plop: NodePlopAPI, files: FileSpec[], data: object): void {
  for (const file of files) plan.generate(file.to, renderFile(plop, file.template, { ...data, outputFile: file.to }));
}

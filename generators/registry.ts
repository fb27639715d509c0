// The target registry: every module in targets/backend/ and targets/frontend/ is a framework, its
// file name the id. Nothing here names a framework, so adding one touches only its own files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sideOf, type BackendTarget, type FrontendTarget, type Side } from './targets/types.js';

export type BackendId = string;
export type FrontendId = string;

/** A target module's one defined target; a module with none or two is a mistake worth stopping on. */
async function load<T>(side: Side): Promise<Record<string, T>> {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'targets', side);
  const files = fs.readdirSync(dir).filter((file) => /\.[cm]?[jt]s$/.test(file) && !/\.d\.[cm]?ts$/.test(file));
  const entries = await Promise.all(
    files.map(async (file) => {
      const module: Record<string, unknown> = await import(pathToFileURL(path.join(dir, file)).href);
      const targets = Object.values(module).filter((value) => sideOf(value) === side);
      if (targets.length !== 1) throw new Error(`generators/targets/${side}/${file} must define exactly one ${side} target; it defines ${targets.length}.`);
      return [file.replace(/\.[cm]?[jt]s$/, ''), targets[0] as T & { generic?: boolean }] as const;
    }),
  );
  // Offered alphabetically, a generic target (any HTML page) last.
  entries.sort(([a, x], [b, y]) => Number(Boolean(x.generic)) - Number(Boolean(y.generic)) || a.localeCompare(b));
  return Object.fromEntries(entries);
}

export const backends = await load<BackendTarget>('backend');
export const frontends = await load<FrontendTarget>('frontend');

export const backendIds: BackendId[] = Object.keys(backends);
export const frontendIds: FrontendId[] = Object.keys(frontends);

/** Intercom's data-hosting regions and the api_base each needs (none for the US). */
export const regions = {
  us: undefined,
  eu: 'https://api-iam.eu.intercom.io',
  au: 'https://api-iam.au.intercom.io',
} as const;

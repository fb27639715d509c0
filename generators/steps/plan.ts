// Every generator first builds a plan (path -> new content) and only then touches the disk,
// so bad input, a path outside --dest or a conflict leaves the tree exactly as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { commitWrites, type Write } from './commit.js';

export type ChangeKind = 'generated' | 'edit';
export type Outcome = 'created' | 'updated' | 'unchanged' | 'conflict' | 'overwritten';

interface PlannedFile {
  path: string;
  content: string;
  /** generated: ours as a whole, an edit by the user is a conflict. edit: a merge into the user's file. */
  kind: ChangeKind;
}

export interface ApplyOptions {
  force?: boolean;
  dryRun?: boolean;
  /** Values the dry run's diff shows masked (the identity secret). */
  secrets?: string[];
}

export interface Report {
  root: string;
  files: { path: string; outcome: Outcome }[];
  diff: string;
}

export class ConflictError extends Error {}

/** A path that would be written outside --dest, through `..` or a symbolic link, or a folder in the way. */
export class UnsafePathError extends Error {}

const isInside = (root: string, file: string) => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Whether anything (a dangling link included) is at `file`; false also under a file posing as a folder. */
function lexists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where writing `relative` really lands: the real path of its deepest existing ancestor (every
 * symlink on the way resolved) plus the rest. Refused unless it stays inside the real root.
 */
export function resolveInside(root: string, relative: string): string {
  const realRoot = fs.realpathSync(root);
  const lexical = path.resolve(realRoot, relative);
  if (!isInside(realRoot, lexical)) throw new UnsafePathError(`${relative} is outside --dest (${realRoot}): pass paths inside the project.`);
  let existing = lexical;
  const rest: string[] = [];
  while (!lexists(existing)) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  let real: string;
  try {
    real = path.join(fs.realpathSync(existing), ...rest);
  } catch {
    throw new UnsafePathError(`${relative} goes through the broken symbolic link ${path.relative(realRoot, existing)}: remove the link or pass another path.`);
  }
  if (!isInside(realRoot, real)) {
    throw new UnsafePathError(
      `${relative} leads outside --dest through a symbolic link (to ${real}): replace the link with a real file or folder, or pass another path.`,
    );
  }
  return real;
}

/** What is in the way of writing a file at `real`: a folder at its place, or a file where a folder must be. */
function obstacle(realRoot: string, real: string): string | undefined {
  const statOf = (file: string) => {
    try {
      return fs.statSync(file);
    } catch {
      return undefined;
    }
  };
  const stat = statOf(real);
  if (stat && !stat.isFile())
    return `${path.relative(realRoot, real)} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, where a file must be written`;
  let dir = path.dirname(real);
  for (; !statOf(dir); dir = path.dirname(dir));
  if (!statOf(dir)!.isDirectory()) return `${path.relative(realRoot, dir)} is a file, where a folder must be created`;
  const writable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  // The file is replaced by a rename, so its folder must take new entries too.
  if (stat && !writable(real)) return `${path.relative(realRoot, real)} is not writable (read-only, or immutable: see lsattr)`;
  if (!writable(dir)) return `${path.relative(realRoot, dir) || '--dest'} is not writable: files cannot be created in it`;
  return undefined;
}

const mask = (text: string, secrets: string[]) =>
  secrets
    .filter((secret) => secret.length > 0)
    .reduce((masked, secret) => {
      // Also as .env writes it when it needs quotes (JSON-escaped).
      const forms = [secret, JSON.stringify(secret).slice(1, -1)];
      return forms.reduce((acc, form) => acc.split(form).join('********'), masked);
    }, text);

/**
 * Ownership of generated files: the header's {{contentHash}} slot is filled with a hash of the
 * whole file (slot zeroed, line endings normalized). A re-run may replace a file that still
 * matches its hash, since nobody edited it; a file that no longer matches is the user's.
 */
export const HASH_SLOT = 'sha256:0000000000000000';
const HASH = /sha256:[0-9a-f]{16}/;

function contentHash(content: string): string {
  const normalized = content.replace(HASH, HASH_SLOT).replace(/\r\n/g, '\n');
  return `sha256:${createHash('sha256').update(normalized).digest('hex').slice(0, 16)}`;
}

function stamp(content: string): string {
  return content.includes(HASH_SLOT) ? content.replace(HASH_SLOT, contentHash(content)) : content;
}

/** A generated file exactly as it was generated: its recorded hash still matches. */
export function unedited(content: string): boolean {
  const recorded = HASH.exec(content)?.[0];
  return recorded !== undefined && recorded !== HASH_SLOT && recorded === contentHash(content);
}

export class Plan {
  constructor(
    readonly root: string,
    private readonly files = new Map<string, PlannedFile>(),
    private readonly prefix = '',
  ) {}

  /** The same plan seen from a subfolder (a monorepo's apps/api), written all-or-nothing with the rest. */
  within(dir: string): Plan {
    return new Plan(this.root, this.files, path.posix.join(this.prefix, dir));
  }

  private key(relative: string): string {
    return this.prefix ? path.posix.join(this.prefix, relative) : relative;
  }

  /** A file this generator owns. */
  generate(relative: string, content: string): void {
    const key = this.key(relative);
    this.files.set(key, { path: key, content, kind: 'generated' });
  }

  /**
   * Passes every generated file through `format` (the host's Prettier), before apply() records its
   * hash. A file the formatter fails on keeps the templates' format; the returned lines say which.
   */
  async formatGenerated(format: (root: string, file: string, content: string) => Promise<string>): Promise<string[]> {
    const notes: string[] = [];
    for (const file of this.files.values()) {
      if (file.kind !== 'generated') continue;
      try {
        file.content = await format(this.root, path.join(this.root, file.path), file.content);
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        notes.push(`Your Prettier could not format ${file.path} (${reason}); it keeps the generator's formatting.`);
      }
    }
    return notes;
  }

  /** A user file (manifest, .env, .gitignore, an entry file) changed by a computed, idempotent edit. */
  edit(relative: string, update: (current: string | undefined) => string | undefined): void {
    const current = this.read(relative);
    const next = update(current);
    if (next === undefined || next === current) return;
    const key = this.key(relative);
    this.files.set(key, { path: key, content: next, kind: 'edit' });
  }

  /** The file as the plan would leave it: pending content first, else the disk. */
  read(relative: string): string | undefined {
    const key = this.key(relative);
    const pending = this.files.get(key);
    if (pending) return pending.content;
    try {
      return fs.readFileSync(path.join(this.root, key), 'utf8');
    } catch {
      return undefined;
    }
  }

  apply(options: ApplyOptions = {}): Report {
    const realRoot = fs.realpathSync(this.root);
    const files: Report['files'] = [];
    const patches: string[] = [];
    const writes: Write[] = [];
    const problems: string[] = [];
    for (const file of this.files.values()) {
      const content = file.kind === 'generated' ? stamp(file.content) : file.content;
      // Every path is checked before anything is written, dry run included.
      let real: string;
      try {
        real = resolveInside(this.root, file.path);
      } catch (error) {
        if (!(error instanceof UnsafePathError)) throw error;
        problems.push(error.message);
        continue;
      }
      const problem = obstacle(realRoot, real);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const current = fs.existsSync(real) ? fs.readFileSync(real, 'utf8') : undefined;
      let outcome: Outcome;
      if (current === content) outcome = 'unchanged';
      else if (current === undefined) outcome = 'created';
      else if (file.kind === 'edit' || unedited(current)) outcome = 'updated';
      else outcome = options.force ? 'overwritten' : 'conflict';
      files.push({ path: file.path, outcome });
      if (outcome === 'unchanged') continue;
      // A dry run shows a conflict's diff too: it is what --force true would write.
      if (outcome !== 'conflict') writes.push({ target: real, label: file.path, content });
      else if (!options.dryRun) continue;
      patches.push(createTwoFilesPatch(current === undefined ? '/dev/null' : `a/${file.path}`, `b/${file.path}`, current ?? '', content));
    }
    if (problems.length) throw new UnsafePathError([...problems, 'Nothing was written.'].join('\n'));

    const conflicts = files.filter((f) => f.outcome === 'conflict');
    if (conflicts.length && !options.dryRun) {
      throw new ConflictError(
        conflicts
          .map((f) => `${f.path} was changed since it was generated; nothing was written.`)
          .concat('Keep your version (do nothing), or re-run with -- --force true to replace it; see the change first with -- --dryRun true.')
          .join('\n'),
      );
    }
    if (!options.dryRun) commitWrites(realRoot, writes);
    return { root: this.root, files, diff: mask(patches.join('\n'), options.secrets ?? []) };
  }
}

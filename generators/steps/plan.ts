// Every generator first builds a plan (path -> new content) and only then touches the disk,
// so bad input or a conflict leaves the tree exactly as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

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
}

export interface Report {
  root: string;
  files: { path: string; outcome: Outcome }[];
  diff: string;
}

export class ConflictError extends Error {}

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
    this.files.set(key, { path: key, content: stamp(content), kind: 'generated' });
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
    const files: Report['files'] = [];
    const patches: string[] = [];
    const writes: PlannedFile[] = [];
    for (const file of this.files.values()) {
      const absolute = path.join(this.root, file.path);
      const current = fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : undefined;
      let outcome: Outcome;
      if (current === file.content) outcome = 'unchanged';
      else if (current === undefined) outcome = 'created';
      else if (file.kind === 'edit' || unedited(current)) outcome = 'updated';
      else outcome = options.force ? 'overwritten' : 'conflict';
      files.push({ path: file.path, outcome });
      if (outcome === 'unchanged') continue;
      // A dry run shows a conflict's diff too: it is what --force true would write.
      if (outcome !== 'conflict') writes.push(file);
      else if (!options.dryRun) continue;
      patches.push(
        createTwoFilesPatch(current === undefined ? '/dev/null' : `a/${file.path}`, `b/${file.path}`, current ?? '', file.content),
      );
    }

    const conflicts = files.filter((f) => f.outcome === 'conflict');
    if (conflicts.length && !options.dryRun) {
      throw new ConflictError(
        conflicts
          .map((f) => `${f.path} was changed since it was generated; nothing was written.`)
          .concat('Keep your version (do nothing), or re-run with -- --force true to replace it; see the change first with -- --dryRun true.')
          .join('\n'),
      );
    }
    if (!options.dryRun) {
      for (const file of writes) {
        const absolute = path.join(this.root, file.path);
        fs.mkdirSync(path.dirname(absolute), { recursive: true });
        fs.writeFileSync(absolute, file.content);
      }
    }
    return { root: this.root, files, diff: patches.join('\n') };
  }
}

// Writes a set of files all-or-nothing. Each file is written to a temporary file in its own
// folder, synced and renamed over the old one (mode kept), so a reader sees the old file or the
// new one, never a part. A journal lists what the run is about to change, with a copy of
// every old file: a failure rolls back at once, and a run killed part-way is rolled back by the
// next run, so the tree holds either every old file or every new one.
import fs from 'node:fs';
import path from 'node:path';

/** The journal's folder, at the root of --dest; it exists only while a run writes. */
export const JOURNAL_DIR = '.plop-pack-intercom-journal';
const JOURNAL_FILE = 'journal.json';
/** The writing run's pid: a journal whose run is still alive is not rolled back under it. */
const OWNER_FILE = 'pid';

export interface Write {
  /** Real absolute path (symlinks resolved) of the file to write. */
  target: string;
  /** What the user reads in messages: the path relative to --dest. */
  label: string;
  content: string;
}

interface JournalEntry {
  target: string;
  temp: string;
  /** The old file, copied into the journal; absent when the file is new. */
  backup?: string;
}

interface Journal {
  entries: JournalEntry[];
  /** Folders this run creates, shallowest first. */
  createdDirs: string[];
}

export class WriteError extends Error {}

/** Tests slow the write phase down to kill a run inside it; unset (always, outside tests) it costs nothing. */
const pause = (() => {
  const ms = Number(process.env.PLOP_PACK_INTERCOM_TEST_WRITE_DELAY_MS ?? 0);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return ms > 0 ? () => Atomics.wait(cell, 0, 0, ms) : () => undefined;
})();

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems cannot sync a folder; the file data itself is already synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `mode` is the replaced file's; a new file gets the usual 0666 less the umask. */
function writeSynced(file: string, content: string | Buffer, mode?: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeJournal(dir: string, journal: Journal): void {
  const temp = path.join(dir, `${JOURNAL_FILE}.tmp`);
  fs.rmSync(temp, { force: true });
  writeSynced(temp, JSON.stringify(journal), 0o600);
  fs.renameSync(temp, path.join(dir, JOURNAL_FILE));
  syncDir(dir);
}

const exists = (file: string) => {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
};

/** Folders between the deepest existing ancestor of `file` and `file`, shallowest first. */
function missingDirs(file: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.dirname(file); !exists(dir); dir = path.dirname(dir)) dirs.unshift(dir);
  return dirs;
}

/** A synced copy (not a hard link: a file made immutable meanwhile could then never be unlinked). */
function backUp(target: string, backup: string): void {
  writeSynced(backup, fs.readFileSync(target), fs.statSync(target).mode & 0o7777);
}

/** The old file is still in place (never replaced, or a file that refused to be). */
function sameContent(backup: string, target: string): boolean {
  if (!exists(target)) return false;
  return fs.readFileSync(backup).equals(fs.readFileSync(target));
}

/** Undoes a journal: old files back in place, new files and folders removed, temporaries deleted. */
function rollBack(journalDir: string, journal: Journal): void {
  for (const entry of journal.entries) {
    fs.rmSync(entry.temp, { force: true });
    if (entry.backup && exists(entry.backup) && !sameContent(entry.backup, entry.target)) fs.renameSync(entry.backup, entry.target);
    // A new file is removed; a folder someone put in its place meanwhile is not ours to remove.
    else if (!entry.backup && exists(entry.target) && !fs.lstatSync(entry.target).isDirectory()) fs.rmSync(entry.target);
  }
  for (const dir of [...journal.createdDirs].reverse()) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty: the user put something there meanwhile; keep it.
    }
  }
  fs.rmSync(journalDir, { recursive: true, force: true });
}

/**
 * Rolls back a run that was killed while writing. Returns true when there was one.
 * Without a journal file the run was either committed or had not started changing files.
 */
export function recoverInterruptedRun(root: string): boolean {
  const journalDir = path.join(root, JOURNAL_DIR);
  if (!exists(journalDir)) return false;
  const owner = ownerOf(journalDir);
  if (owner && owner !== process.pid && alive(owner)) {
    throw new WriteError(`Another run (process ${owner}) is writing into --dest right now: wait for it to finish, then run again. Nothing was changed.`);
  }
  const journalFile = path.join(journalDir, JOURNAL_FILE);
  if (exists(journalFile)) rollBack(journalDir, JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal);
  else fs.rmSync(journalDir, { recursive: true, force: true });
  return true;
}

function ownerOf(journalDir: string): number {
  try {
    return Number(fs.readFileSync(path.join(journalDir, OWNER_FILE), 'utf8'));
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  const hints: Record<string, string> = {
    EPERM: 'the system refused to replace it (immutable, see lsattr; or a protected folder)',
    EACCES: 'permission denied: check the owner and permissions of the file and its folder',
    EROFS: 'the filesystem is read-only',
    ENOSPC: 'the disk is full',
    EISDIR: 'a folder is in the way',
    ENOTDIR: 'a file is in the way of a folder',
  };
  return (code && hints[code]) ?? (error as Error).message;
};

/** Writes every file or none; on failure the tree is as it was and the error names the file. */
export function commitWrites(root: string, writes: Write[]): void {
  if (!writes.length) return;
  const journalDir = path.join(root, JOURNAL_DIR);
  try {
    fs.mkdirSync(journalDir);
    fs.writeFileSync(path.join(journalDir, OWNER_FILE), String(process.pid));
  } catch (error) {
    throw new WriteError(`Could not start writing: ${JOURNAL_DIR} cannot be created in --dest (${reason(error)}). Nothing was changed.`);
  }
  const journal: Journal = { entries: [], createdDirs: [] };
  let current: Write | undefined;
  try {
    for (const [i, write] of writes.entries()) {
      current = write;
      const temp = path.join(path.dirname(write.target), `.${path.basename(write.target)}.${process.pid}.intercom-tmp`);
      const entry: JournalEntry = { target: write.target, temp };
      if (exists(write.target)) {
        entry.backup = path.join(journalDir, String(i));
        backUp(write.target, entry.backup);
      }
      for (const dir of missingDirs(write.target)) if (!journal.createdDirs.includes(dir)) journal.createdDirs.push(dir);
      journal.entries.push(entry);
    }
    // From here on every change is in the journal: a kill is rolled back by the next run.
    writeJournal(journalDir, journal);
    for (const dir of journal.createdDirs) if (!exists(dir)) fs.mkdirSync(dir);
    for (const [i, write] of writes.entries()) {
      current = write;
      const mode = exists(write.target) ? fs.statSync(write.target).mode & 0o7777 : undefined;
      writeSynced(journal.entries[i].temp, write.content, mode);
      pause();
    }
    for (const [i, write] of writes.entries()) {
      current = write;
      fs.renameSync(journal.entries[i].temp, write.target);
      syncDir(path.dirname(write.target));
      pause();
    }
  } catch (error) {
    try {
      rollBack(journalDir, journal);
    } catch (rollbackError) {
      throw new WriteError(
        `Could not write ${current?.label}: ${reason(error)}. Restoring the other files failed too (${reason(rollbackError)}); the next run of this generator restores them from ${JOURNAL_DIR}.`,
      );
    }
    throw new WriteError(`Could not write ${current?.label}: ${reason(error)}. Every file was restored: nothing was changed.`);
  }
  // The commit point: without the journal file, nothing is rolled back any more.
  fs.rmSync(path.join(journalDir, JOURNAL_FILE));
  syncDir(journalDir);
  fs.rmSync(journalDir, { recursive: true, force: true });
}

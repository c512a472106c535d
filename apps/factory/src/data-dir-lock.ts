import { randomUUID } from 'node:crypto';
import {
  accessSync,
  constants,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, InvalidConfigError } from '@startup-factory/contracts';
import { isProcessAlive, processStartOf } from './process-identity';

/** Who writes an embedded data folder: what `writer.lock` in it holds. */
export interface DataDirWriter {
  /** The machine it runs on: a pid says nothing about a process on another host (a shared folder). */
  host?: string;
  pid: number;
  /** The kernel's start time of that pid (Linux /proc), so a reused pid is not mistaken for the holder. */
  processStart: string | null;
  /** The factory command that holds it, such as `serve` or `create`. */
  command: string;
  startedAt: string;
  /** Where that process answers HTTP (serve only): commands can go through it instead. */
  apiUrl?: string;
  /** Distinguishes this holder from a later one with the same pid. */
  token: string;
}

export const LOCK_FILE = 'writer.lock';

/** Whether the process that wrote `writer` still runs (the same process, not a reuse of its pid). */
export function isWriterAlive(writer: DataDirWriter): boolean {
  if (writer.host !== undefined && writer.host !== hostname()) return true;
  return isProcessAlive(writer.pid, writer.processStart);
}

function readWriter(file: string): { writer: DataDirWriter | null; text: string } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as DataDirWriter;
    return { writer: Number.isInteger(parsed.pid) ? parsed : null, text };
  } catch {
    // Never half-written (it is linked into place whole), so this is damage: treat it as stale.
    return { writer: null, text };
  }
}

/** The live process holding `dataDir`, if any (what `factory doctor` and the refusal report). */
export function dataDirHolder(dataDir: string): DataDirWriter | null {
  const found = readWriter(join(dataDir, LOCK_FILE));
  return found?.writer && isWriterAlive(found.writer) ? found.writer : null;
}

/** The refusal a second writer gets: who holds the folder and the three ways forward. */
export function lockedError(dataDir: string, holder: DataDirWriter): DataDirLockedError {
  const via = holder.apiUrl ? `, or run this through its API at ${holder.apiUrl}/api` : '';
  const elsewhere =
    holder.host !== undefined && holder.host !== hostname()
      ? ` on ${holder.host} (if it is gone, delete ${join(dataDir, LOCK_FILE)})`
      : '';
  return new DataDirLockedError({
    message: `factory ${holder.command} (pid ${holder.pid})${elsewhere} holds ${dataDir}; stop it${via}, or use another data folder (--data-dir, FACTORY_DATA_DIR or dataDir in the config).`,
  });
}

/**
 * The one-writer lock of an embedded data folder: `writer.lock` created exclusively (written to a
 * temporary file, then hard-linked into place, so it is never seen half-written) with this process's
 * pid and start time. A lock whose process is gone is taken over; a live one is refused with
 * DATA_DIR_LOCKED naming the holder.
 */
export class DataDirLock {
  private constructor(
    readonly dataDir: string,
    private writer: DataDirWriter,
  ) {}

  private get file(): string {
    return join(this.dataDir, LOCK_FILE);
  }

  static acquire(dataDir: string, command: string): DataDirLock {
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch (error) {
      throw new InvalidConfigError({
        message: `Cannot write the data folder ${dataDir} (${(error as NodeJS.ErrnoException).code}); fix its permissions or use another one (FACTORY_DATA_DIR or dataDir in the config).`,
        cause: error,
      });
    }
    const file = join(dataDir, LOCK_FILE);
    const writer: DataDirWriter = {
      host: hostname(),
      pid: process.pid,
      processStart: processStartOf(process.pid),
      command,
      startedAt: new Date().toISOString(),
      token: randomUUID(),
    };
    const temp = `${file}.${writer.token}.tmp`;
    writeFileSync(temp, JSON.stringify(writer));
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          linkSync(temp, file);
          return new DataDirLock(dataDir, writer);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const found = readWriter(file);
        if (!found) continue;
        if (found.writer && isWriterAlive(found.writer)) throw lockedError(dataDir, found.writer);
        takeOverStale(file, found.text);
      }
      const holder = dataDirHolder(dataDir);
      throw holder
        ? lockedError(dataDir, holder)
        : new DataDirLockedError({
            message: `Another process keeps taking the lock of ${dataDir}; stop the other factory commands on it and retry.`,
          });
    } finally {
      unlinkSync(temp);
    }
  }

  /** Tells later processes where this one answers HTTP, so their refusal can point there. */
  advertiseApi(url: string): void {
    this.writer = { ...this.writer, apiUrl: url };
    const temp = `${this.file}.${this.writer.token}.tmp`;
    writeFileSync(temp, JSON.stringify(this.writer));
    renameSync(temp, this.file);
  }

  /** Removes the lock if it is still this process's. */
  release(): void {
    const found = readWriter(this.file);
    if (found?.writer?.token === this.writer.token) unlinkSync(this.file);
  }
}

/**
 * Moves a dead holder's lock aside. The rename is atomic, so of two processes taking over at once
 * one wins; the other may have moved the winner's fresh lock, which it then puts back.
 */
function takeOverStale(file: string, staleText: string): void {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process holds it now; the acquire loop reads who.
    }
  }
  unlinkSync(aside);
}

/** `factory doctor`'s line on the data folder's writer: this process, or no lock needed on PostgreSQL. */
export function describeWriter(parts: { writerLock?: DataDirLock }): string {
  const lock = parts.writerLock;
  if (!lock) return 'no lock needed: the state is in PostgreSQL, which takes many writers';
  const holder = dataDirHolder(lock.dataDir);
  if (holder?.pid !== process.pid) {
    throw new Error(
      `${join(lock.dataDir, LOCK_FILE)} no longer names this process; another may write the folder`,
    );
  }
  return `${lock.dataDir} has one writer, this process (pid ${process.pid}); others are refused`;
}

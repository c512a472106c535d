import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConflictError } from '@startup-factory/contracts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `work` while holding the project's evolve lock (a file beside the project naming this
 * process), so two evolves or an evolve and a rollback never interleave. A lock whose process is
 * gone is taken over.
 */
export async function withProjectLock<T>(projectDir: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dirname(projectDir), `.${basename(projectDir)}.evolve.lock`);
  const take = () => writeFile(lock, String(process.pid), { flag: 'wx' });
  try {
    await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new ConflictError({
        message: `${projectDir} is being evolved or rolled back by process ${holder}; wait for it to finish.`,
      });
    }
    await rm(lock, { force: true });
    await take();
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

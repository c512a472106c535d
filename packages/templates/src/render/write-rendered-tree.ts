import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UnsafePathError } from '@startup-factory/contracts';
import type { RenderedFile } from './engine';
import { isWithin } from './path-safety';

/** Writes rendered files into an empty folder, each with its mode. */
export async function writeRenderedTree(dir: string, files: RenderedFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, ...file.path.split('/'));
    if (!isWithin(dir, target))
      throw new UnsafePathError({ message: `${file.path} leaves the project folder` });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
    await chmod(target, file.mode);
  }
}

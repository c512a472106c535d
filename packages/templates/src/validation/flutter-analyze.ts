import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ValidationIssue } from '@startup-factory/contracts';
import type { RenderedFile } from '../render/render-tree';

const run = promisify(execFile);

/** The `flutter` executable on PATH, if any. */
export function findFlutter(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'flutter');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs `flutter pub get` and `flutter analyze` on the files in a temp folder, when an SDK exists. */
export async function flutterAnalyze(
  files: RenderedFile[],
): Promise<{ ran: boolean; issues: ValidationIssue[] }> {
  const flutter = findFlutter();
  if (!flutter) return { ran: false, issues: [] };
  const dir = await mkdtemp(join(tmpdir(), 'sf-flutter-'));
  try {
    for (const file of files) {
      const target = join(dir, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    await run(flutter, ['pub', 'get'], { cwd: dir, timeout: 300_000 });
    await run(flutter, ['analyze', '--no-fatal-infos'], { cwd: dir, timeout: 300_000 });
    return { ran: true, issues: [] };
  } catch (error) {
    const output = String((error as { stdout?: unknown }).stdout ?? (error as Error).message).slice(-2000);
    return { ran: true, issues: [{ code: 'SYNTAX_ERROR', message: `flutter analyze failed: ${output}` }] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

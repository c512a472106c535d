import { execFile } from 'node:child_process';
import { chmod, cp, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * True when Debian's `cookiecutter` command is not installed, so differential tests can
 * `describe.skipIf` it locally. Under CI=true its absence throws instead: .ci/run installs it.
 */
export async function cookiecutterMissing(): Promise<boolean> {
  const found = await run('cookiecutter', ['--version'], { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
  if (!found && process.env.CI === 'true') {
    throw new Error('cookiecutter must be installed when CI=true: .ci/run installs the Debian package.');
  }
  return !found;
}

/** How a fixture is set up and what it must produce; `diff-case.json` beside its cookiecutter.json. */
export interface DiffCase {
  /** `key=value` pairs given to cookiecutter (and as extraContext to TemplateManager). */
  extra?: Record<string, string>;
  /** `identical` (the default) or `refused`: cookiecutter itself fails, so the factory must refuse. */
  expect?: 'identical' | 'refused';
  /** What git cannot hold: file modes (octal), empty folders, files given as base64 bytes. */
  setup?: { modes?: Record<string, string>; dirs?: string[]; files?: Record<string, string> };
}

export async function readCase(fixture: string): Promise<DiffCase> {
  const text = await readFile(join(fixture, 'diff-case.json'), 'utf8').catch(() => '{}');
  return JSON.parse(text) as DiffCase;
}

/** Copies a fixture template to `to` and applies its setup (modes, empty folders, raw bytes). */
export async function materialize(fixture: string, to: string, setup: DiffCase['setup'] = {}): Promise<void> {
  await cp(fixture, to, { recursive: true });
  for (const [path, base64] of Object.entries(setup.files ?? {})) {
    await mkdir(join(to, path, '..'), { recursive: true });
    await writeFile(join(to, path), Buffer.from(base64, 'base64'));
  }
  for (const dir of setup.dirs ?? []) await mkdir(join(to, dir), { recursive: true });
  for (const [path, mode] of Object.entries(setup.modes ?? {}))
    await chmod(join(to, path), Number.parseInt(mode, 8));
}

/**
 * Runs the real `cookiecutter --no-input -o <outputDir> <template> key=value...`, with HOME pointed
 * at a private folder so no user config or replay file takes part. Resolves to null on success or
 * cookiecutter's error output.
 */
export async function runCookiecutter(
  template: string,
  outputDir: string,
  extra: Record<string, string | number>,
  home: string,
): Promise<string | null> {
  await mkdir(home, { recursive: true });
  const args = [
    '--no-input',
    '-o',
    outputDir,
    template,
    ...Object.entries(extra).map(([k, v]) => `${k}=${v}`),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.COOKIECUTTER_CONFIG;
  try {
    await run('cookiecutter', args, { env, timeout: 120_000 });
    return null;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    return stderr.trim().split('\n').slice(-3).join(' ') || (error as Error).message;
  }
}

export interface TreeEntry {
  path: string;
  kind: 'file' | 'dir';
  mode: number;
  content?: Buffer;
}

/** Every entry below `root` (files with bytes and mode, folders with mode), sorted by path. */
export async function snapshot(root: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  async function walk(dir: string, rel: string) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      const { mode } = await lstat(full);
      if (entry.isDirectory()) {
        out.push({ path, kind: 'dir', mode: mode & 0o7777 });
        await walk(full, path);
      } else {
        out.push({ path, kind: 'file', mode: mode & 0o7777, content: await readFile(full) });
      }
    }
  }
  await walk(root, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The first differences between two snapshots, as readable lines; empty when byte-identical. */
export function treeDifferences(expected: TreeEntry[], actual: TreeEntry[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(actual.map((e) => [e.path, e]));
  for (const want of expected) {
    const got = byPath.get(want.path);
    byPath.delete(want.path);
    if (!got) problems.push(`missing ${want.kind} ${want.path}`);
    else if (got.kind !== want.kind) problems.push(`${want.path}: ${got.kind} instead of ${want.kind}`);
    else if (got.mode !== want.mode)
      problems.push(`${want.path}: mode ${got.mode.toString(8)} instead of ${want.mode.toString(8)}`);
    else if (want.content && got.content && !want.content.equals(got.content))
      problems.push(
        `${want.path}: content ${JSON.stringify(got.content.toString('latin1').slice(0, 200))} instead of ${JSON.stringify(want.content.toString('latin1').slice(0, 200))}`,
      );
  }
  for (const extra of byPath.values()) problems.push(`unexpected ${extra.kind} ${extra.path}`);
  return problems;
}

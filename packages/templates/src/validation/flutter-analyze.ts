import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ValidationIssue } from '@startup-factory/contracts';
import type { RenderedFile } from '../render/engine';

const run = promisify(execFile);

/** The `flutter` executable on PATH, if any. */
export function findFlutter(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'flutter');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** One Flutter command run on a project: `install` is `flutter pub get`. */
export interface FlutterStep {
  name: 'install' | 'analyze' | 'test';
  ok: boolean;
  durationMs: number;
  detail: string;
}

const COMMANDS: Record<FlutterStep['name'], string[]> = {
  install: ['pub', 'get'],
  analyze: ['analyze', '--no-fatal-infos'],
  test: ['test'],
};

async function runStep(
  flutter: string,
  name: FlutterStep['name'],
  cwd: string,
  signal: AbortSignal | undefined,
): Promise<FlutterStep> {
  const args = COMMANDS[name];
  const started = Date.now();
  try {
    await run(flutter, args, { cwd, timeout: 600_000, maxBuffer: 16 * 1024 * 1024, signal });
    return { name, ok: true, durationMs: Date.now() - started, detail: `flutter ${args.join(' ')}` };
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: unknown; stderr?: unknown; message: string };
    const output = `${String(stdout ?? '')}\n${String(stderr ?? '')}`.trim() || message;
    return { name, ok: false, durationMs: Date.now() - started, detail: output.slice(-2000) };
  }
}

/**
 * Builds a Flutter project the way its README says: `flutter pub get`, `flutter analyze` (errors
 * and warnings fail it; lint infos do not), then `flutter test`, stopping at the first failure.
 * Null when no Flutter SDK is on PATH: nothing was run.
 */
export async function buildFlutterProject(
  dir: string,
  {
    signal,
    flutter = findFlutter(),
    observer,
  }: {
    signal?: AbortSignal;
    flutter?: string | null;
    /** Told as each step starts and ends (progress output). */
    observer?: { started?(name: FlutterStep['name']): void; finished?(step: FlutterStep): void };
  } = {},
): Promise<FlutterStep[] | null> {
  if (!flutter) return null;
  const steps: FlutterStep[] = [];
  for (const name of ['install', 'analyze', 'test'] as const) {
    observer?.started?.(name);
    const step = await runStep(flutter, name, dir, signal);
    observer?.finished?.(step);
    steps.push(step);
    if (!step.ok) break;
  }
  return steps;
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
    for (const name of ['install', 'analyze'] as const) {
      const step = await runStep(flutter, name, dir, undefined);
      if (!step.ok) {
        return {
          ran: true,
          issues: [{ code: 'SYNTAX_ERROR', message: `flutter ${name} failed: ${step.detail}` }],
        };
      }
    }
    return { ran: true, issues: [] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

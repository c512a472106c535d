import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  IProjectValidator,
  ProjectValidationReport,
  ResourceAllocation,
  ValidationStep,
} from '@startup-factory/contracts';
import type { ValidationObserver } from '@startup-factory/core';
import { buildFlutterProject, checkDartProjectAt, findFlutter } from '@startup-factory/templates';

/** What the report says when the project could only be checked: the machine has no Flutter SDK. */
export const NO_FLUTTER_SDK = 'no Flutter SDK on PATH';

/** A Flutter project: a `pubspec.yaml` and no `package.json`. */
export function isFlutterProject(projectDir: string): boolean {
  return existsSync(join(projectDir, 'pubspec.yaml')) && !existsSync(join(projectDir, 'package.json'));
}

/** What builds and runs a generated project; null when it is neither a Flutter nor an npm project. */
export function projectToolchain(projectDir: string): 'npm' | 'flutter' | null {
  if (isFlutterProject(projectDir)) return 'flutter';
  return existsSync(join(projectDir, 'package.json')) ? 'npm' : null;
}

export interface FlutterValidatorOptions {
  /** Finds the `flutter` executable; default: the one on PATH. */
  findFlutter?: () => string | null;
  observer?: ValidationObserver;
}

/**
 * Validates a Flutter project: always its Dart structure (brackets, imports, screens in use, as
 * far as that can be checked without the SDK); then, when a Flutter SDK is on PATH, `flutter pub
 * get`, `flutter analyze` and `flutter test`. Without one the report says so in `notBuilt`.
 */
export class FlutterProjectValidator implements IProjectValidator {
  constructor(private readonly options: FlutterValidatorOptions = {}) {}

  async validate(
    projectDir: string,
    allocation: ResourceAllocation,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<ProjectValidationReport> {
    const observer = this.options.observer;
    const record = (step: ValidationStep) => {
      observer?.stepFinished?.(allocation.startupId, step);
      return step;
    };
    observer?.stepStarted?.(allocation.startupId, 'structure');
    const structure = record(await checkStructure(projectDir));
    if (!structure.ok) return { ok: false, skipped: false, steps: [structure] };
    const flutter = (this.options.findFlutter ?? findFlutter)();
    if (!flutter) return { ok: true, skipped: false, notBuilt: NO_FLUTTER_SDK, steps: [structure] };
    const built = await buildFlutterProject(projectDir, {
      flutter,
      observer: {
        started: (name) => observer?.stepStarted?.(allocation.startupId, name),
        finished: record,
      },
      ...(signal ? { signal } : {}),
    });
    const steps = [structure, ...(built ?? [])];
    return { ok: steps.every((s) => s.ok), skipped: false, steps };
  }
}

async function checkStructure(projectDir: string): Promise<ValidationStep> {
  const started = Date.now();
  const problems = await checkDartProjectAt(projectDir);
  return {
    name: 'structure',
    ok: problems.length === 0,
    durationMs: Date.now() - started,
    detail:
      problems.length === 0
        ? 'Dart structure checked: brackets balance, imports resolve, every library and screen is used'
        : problems
            .slice(0, 20)
            .map((p) => `${p.file}:${p.line}: ${p.message}`)
            .join('\n'),
  };
}

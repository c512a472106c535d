import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type IProjectValidator,
  ResourceAllocation,
  StartupConfig,
  type ValidationStep,
} from '@startup-factory/contracts';
import { TemplateManager } from '@startup-factory/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlutterProjectValidator, NO_FLUTTER_SDK, projectToolchain } from './flutter-project-validator';
import { ProjectValidatorByKind } from './project-validator-by-kind';

const allocation = ResourceAllocation.parse({
  startupId: 'clinic-1',
  memoryMb: 512,
  cpuCores: 1,
  storageGb: 1,
  ports: [3917],
  databaseNamespace: 'startup_clinic_1',
  apiQuota: {},
  allocatedAt: new Date('2026-01-01T00:00:00Z'),
});

let root: string;
let projectDir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sf-flutter-validator-'));
  const templates = new TemplateManager({ outputDir: join(root, 'projects') });
  const config = StartupConfig.parse({ name: 'Clinic Desk', industry: 'Health', category: 'Mobile' });
  projectDir = await templates.createFromTemplate('fluttermobile', config, allocation);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * A stand-in for the Flutter SDK (which this machine lacks): records each command line, prints a
 * lint and fails on `analyze` when asked to.
 */
function fakeFlutter(name: string, { failAnalyze = false } = {}): { bin: string; calls: () => string[] } {
  const log = join(root, `${name}.log`);
  const bin = join(root, `${name}-flutter`);
  writeFileSync(
    bin,
    [
      '#!/bin/sh',
      `echo "$PWD $*" >> '${log}'`,
      failAnalyze
        ? `if [ "$1" = analyze ]; then echo "error • Undefined name 'x' • lib/main.dart:3:1"; exit 1; fi`
        : '',
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
}

describe('FlutterProjectValidator', () => {
  it('checks the structure of a generated project and says it was not built without an SDK', async () => {
    const seen: string[] = [];
    const validator = new FlutterProjectValidator({
      findFlutter: () => null,
      observer: { stepFinished: (_id, step) => seen.push(`${step.name} ${step.ok}`) },
    });
    const report = await validator.validate(projectDir, allocation);
    expect(report).toMatchObject({ ok: true, skipped: false, notBuilt: NO_FLUTTER_SDK });
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([['structure', true]]);
    expect(seen).toEqual(['structure true']);
  });

  it('runs flutter pub get, analyze and test in the project when an SDK is there', async () => {
    const flutter = fakeFlutter('passing');
    const report = await new FlutterProjectValidator({ findFlutter: () => flutter.bin }).validate(
      projectDir,
      allocation,
    );
    expect(report.ok).toBe(true);
    expect(report.notBuilt).toBeUndefined();
    expect(report.steps.map((s) => s.name)).toEqual(['structure', 'install', 'analyze', 'test']);
    expect(flutter.calls()).toEqual([
      `${projectDir} pub get`,
      `${projectDir} analyze --no-fatal-infos`,
      `${projectDir} test`,
    ]);
  });

  it('fails on the first failing Flutter command, with its output', async () => {
    const flutter = fakeFlutter('failing', { failAnalyze: true });
    const report = await new FlutterProjectValidator({ findFlutter: () => flutter.bin }).validate(
      projectDir,
      allocation,
    );
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['structure', true],
      ['install', true],
      ['analyze', false],
    ]);
    expect(report.steps[2]?.detail).toContain("Undefined name 'x'");
  });

  it('fails the structure step naming the file and line of an import that does not resolve', async () => {
    const broken = join(root, 'broken');
    const templates = new TemplateManager({ outputDir: broken });
    const config = StartupConfig.parse({ name: 'Broken Desk', industry: 'Health', category: 'Mobile' });
    const dir = await templates.createFromTemplate('fluttermobile', config, allocation);
    const main = join(dir, 'lib', 'main.dart');
    writeFileSync(main, readFileSync(main, 'utf8').replace("'config.dart'", "'settings.dart'"));
    const report = await new FlutterProjectValidator({ findFlutter: () => null }).validate(dir, allocation);
    expect(report.ok).toBe(false);
    expect(report.notBuilt).toBeUndefined();
    expect(report.steps[0]).toMatchObject({ name: 'structure', ok: false });
    expect(report.steps[0]?.detail).toContain(
      'lib/main.dart:5: imports settings.dart, but lib/settings.dart does not exist',
    );
  });
});

describe('ProjectValidatorByKind', () => {
  const recording = (kind: string, seen: string[]): IProjectValidator => ({
    async validate(dir) {
      seen.push(`${kind} ${dir}`);
      return { ok: true, skipped: false, steps: [] as ValidationStep[] };
    },
  });

  it('sends Flutter projects to the Dart validator and the others to npm', async () => {
    const seen: string[] = [];
    const validator = new ProjectValidatorByKind({
      flutter: recording('flutter', seen),
      npm: recording('npm', seen),
    });
    const npmProject = mkdtempSync(join(root, 'npm-'));
    writeFileSync(join(npmProject, 'package.json'), '{"name":"x"}');
    await validator.validate(projectDir, allocation);
    await validator.validate(npmProject, allocation);
    expect(seen).toEqual([`flutter ${projectDir}`, `npm ${npmProject}`]);
    expect([projectToolchain(projectDir), projectToolchain(npmProject), projectToolchain(root)]).toEqual([
      'flutter',
      'npm',
      null,
    ]);
  });
});

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { StartupSummary } from '../src/startup-summary';
import { freshDir, portRange, runCli } from './run-cli';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** PATH with node, without any Flutter SDK, so the test means the same on every machine. */
const pathWithoutFlutter = [dirname(process.execPath), '/usr/bin', '/bin']
  .filter((dir) => !existsSync(join(dir, 'flutter')))
  .join(delimiter);

describe('factory create --template fluttermobile on a machine without a Flutter SDK', () => {
  it('checks the Dart structure as the validation, and says the app was not built', {
    timeout: scaled(300_000),
  }, async () => {
    const cwd = freshDir('flutter');
    dirs.push(cwd);
    const args = ['create', '--name', 'Clinic Desk', '--industry', 'Health', '--category', 'Mobile'];
    const env = { FACTORY_PORT_RANGE: portRange(7), PATH: pathWithoutFlutter };
    const result = await runCli([...args, '--template', 'fluttermobile'], { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('validation succeeded');
    expect(result.stdout).toContain('completed, 7/7 phases (Flutter app not built: no SDK)');
    expect(result.stdout).not.toContain('all done');
    expect(result.stdout).toMatch(
      /Flutter app not built here \(no Flutter SDK on PATH\): structure checked; to build: cd \S+ && flutter pub get && flutter analyze && flutter test && flutter run/,
    );
    expect(result.stdout).not.toMatch(/npm (install|start)/);

    const list = await runCli(['--json', 'show', 'clinic-desk'], { cwd, env });
    const summary = JSON.parse(list.stdout) as StartupSummary;
    expect(summary.toolchain).toBe('flutter');
    expect(summary.validation).toMatchObject({
      ok: true,
      skipped: false,
      notBuilt: 'no Flutter SDK on PATH',
    });
    const report = JSON.parse(readFileSync(join(summary.folder, 'docs/validation-report.json'), 'utf8'));
    expect(report.steps.map((s: { name: string; ok: boolean }) => [s.name, s.ok])).toEqual([
      ['structure', true],
    ]);
  });
});

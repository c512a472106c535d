import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planInstall } from './package-install';

const root = mkdtempSync(join(tmpdir(), 'sf-install-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(dependencies: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'project-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'generated', dependencies }));
  return dir;
}

const pnpm = {
  packageManager: 'pnpm' as const,
  command: ['node', '/opt/pnpm/bin/pnpm.cjs'],
  storeDir: join(root, 'store', 'store'),
  cacheDir: join(root, 'store', 'cache'),
  lockfileDir: join(root, 'store', 'lockfiles'),
};

describe('planInstall', () => {
  it('runs pnpm offline-first from the shared store, flat, outside any enclosing workspace', () => {
    const plan = planInstall(project({ next: '16.4.6' }), pnpm, 'npm');
    expect(plan.command.slice(0, 3)).toEqual(['node', '/opt/pnpm/bin/pnpm.cjs', 'install']);
    expect(plan.command).toEqual(
      expect.arrayContaining([
        '--prefer-offline',
        '--ignore-workspace',
        '--config.node-linker=hoisted',
        '--store-dir',
        pnpm.storeDir,
        '--cache-dir',
        pnpm.cacheDir,
      ]),
    );
    expect(plan.label).toBe(`pnpm install --prefer-offline (store ${pnpm.storeDir})`);
  });

  it('starts a project with the same dependencies from the lockfile an earlier one resolved', () => {
    const first = project({ next: '16.4.6', react: '19.3.1' });
    const plan = planInstall(first, pnpm, 'npm');
    writeFileSync(join(first, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n# first\n");
    plan.after();
    expect(readdirSync(pnpm.lockfileDir)).toHaveLength(1);

    const second = project({ next: '16.4.6', react: '19.3.1' });
    const again = planInstall(second, pnpm, 'npm');
    expect(readFileSync(join(second, 'pnpm-lock.yaml'), 'utf8')).toContain('# first');
    expect(again.label).toContain('lockfile of an earlier project with the same dependencies');

    const other = project({ next: '16.4.6', react: '19.3.2' });
    planInstall(other, pnpm, 'npm');
    expect(existsSync(join(other, 'pnpm-lock.yaml'))).toBe(false);
  });

  it('npm is the fallback: a plain offline-first npm install', () => {
    const plan = planInstall(project({}), { packageManager: 'npm' }, '/usr/bin/npm');
    expect(plan.command).toEqual([
      '/usr/bin/npm',
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ]);
    expect(plan.label).toBe('npm install');
  });
});

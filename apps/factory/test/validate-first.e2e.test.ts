import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { freshDir, runCli } from './run-cli';

/** Each case spawns the CLI (and one opens the embedded database) on a loaded machine. */
const CLI_TIMEOUT_MS = 300_000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const workspace = () => {
  const dir = freshDir('validate-first');
  dirs.push(dir);
  return dir;
};

describe('create refuses bad input before any side effect', () => {
  it('refuses --name ../../etc with exit 2 and never creates the data folder', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    const result = await runCli(
      ['create', '--name', '../../etc', '--industry', 'Retail', '--category', 'Shop'],
      {
        cwd,
      },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('[INVALID_CONFIG]');
    expect(result.stderr).toContain('name');
    // Before: the embedded database was opened (and created) first.
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });

  it('refuses an unknown key inside resourceRequirements (costPerDay: -15) before opening anything', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    const file = join(cwd, 'startup.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Budget Test',
        industry: 'Retail',
        category: 'Shop',
        resourceRequirements: { costPerDay: -15 },
      }),
    );
    const result = await runCli(['create', '--file', file], { cwd });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('costPerDay');
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });

  it('refuses an unknown key in a --batch entry, naming which entry', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    const file = join(cwd, 'batch.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'One', industry: 'Retail', category: 'Shop' },
        { name: 'Two', industry: 'Retail', category: 'Shop', colour: 'blue' },
      ]),
    );
    const result = await runCli(['create', '--batch', file], { cwd });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('#2');
    expect(result.stderr).toContain('colour');
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });

  it('refuses a malformed startup reference (show, delete, approve --spec) before opening anything', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    for (const args of [
      ['show', '../../etc'],
      ['delete', 'a/b'],
      ['approve', 'route-mate', '--spec', join(cwd, 'missing.json')],
    ]) {
      const result = await runCli(args, { cwd });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain('[INVALID_CONFIG]');
    }
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });

  it('refuses an edited spec with an unknown key or a broken rule (approve --spec) before opening anything', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    const spec = {
      name: 'Route Mate',
      tagline: 'Routes for small fleets',
      problem: 'Dispatchers plan routes by hand.',
      solution: 'Plan the day in one screen.',
      entities: [{ name: 'Route', fields: [{ name: 'title', type: 'string' }] }],
      userStories: [{ asA: 'dispatcher', iWant: 'to plan routes', soThat: 'drivers know where to go' }],
      pages: [{ path: '/routes', title: 'Routes', kind: 'list', entity: 'Route' }],
    };
    const cases: Array<[string, unknown, string]> = [
      // Before: MvpSpec dropped the typo silently and the approval went ahead without it.
      [
        'typo.json',
        {
          ...spec,
          entities: [{ ...spec.entities[0], fields: [{ name: 'title', type: 'string', colour: 'red' }] }],
        },
        'entities.0.fields.0.colour',
      ],
      ['rule.json', { ...spec, pages: [{ ...spec.pages[0], entity: 'Stop' }] }, 'pages.0.entity'],
    ];
    for (const [file, content, path] of cases) {
      writeFileSync(join(cwd, file), JSON.stringify(content));
      const result = await runCli(['approve', 'route-mate', '--spec', join(cwd, file)], { cwd });
      expect(result.code, `${file}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain('[INVALID_CONFIG]');
      expect(result.stderr).toContain(path);
    }
    expect(existsSync(join(cwd, '.factory'))).toBe(false);
  });

  it('refuses an unknown template at admission with the available ones, before any AI phase', {
    timeout: scaled(CLI_TIMEOUT_MS),
  }, async () => {
    const cwd = workspace();
    const result = await runCli(
      [
        'create',
        '--name',
        'Wrong Kit',
        '--industry',
        'Retail',
        '--category',
        'Shop',
        '--template',
        'angular',
      ],
      { cwd, env: { FACTORY_VALIDATE_PROJECTS: '0' } },
    );
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('[TEMPLATE_NOT_FOUND]');
    for (const name of ['reactnext', 'vuenuxt', 'fluttermobile']) expect(result.stderr).toContain(name);
    // Before: four AI phases ran first.
    expect(result.stderr).not.toMatch(/founder_analysis|market_research/);
    expect(existsSync(join(cwd, '.factory', 'startups', 'wrong-kit'))).toBe(false);
  });
});

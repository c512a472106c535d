import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from './create-factory';
import type { Factory } from './factory';

describe('Factory.warmUp', () => {
  const dataDir = join(tmpdir(), `sf-warm-${process.pid}`);
  let factory: Factory;
  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_300, end: 23_399 } },
      { env: {} },
    );
  }, 180_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('touches the store, prepares the AI schemas and renders every template without creating or writing anything', async () => {
    const report = await factory.warmUp();
    expect(report.tasks.map((t) => [t.name, t.ok, t.error])).toEqual([
      ['state store', true, undefined],
      ['AI schemas and catalogue', true, undefined],
      ['templates', true, undefined],
    ]);
    expect(await factory.list()).toEqual([]);
    expect(await factory.parts.store.listUsage()).toEqual([]);
    expect(existsSync(join(dataDir, 'projects', 'warm-up'))).toBe(false);
  });
});

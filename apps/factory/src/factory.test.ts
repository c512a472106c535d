import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedFactoryForFile } from '../test/embedded-factory';
import type { Factory } from './factory';

describe('Factory.warmUp', () => {
  const embedded = embeddedFactoryForFile('warm');
  let factory: Factory;
  beforeAll(() => {
    factory = embedded.factory();
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
    expect(existsSync(join(embedded.dataDir, 'projects', 'warm-up'))).toBe(false);
  });
});

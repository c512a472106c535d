import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll } from 'vitest';
import type { FactoryConfigInput } from '../src/config/factory-config';
import { type CreateFactoryOptions, createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';

/**
 * One factory on the embedded default for the calling test file: created before its tests (with
 * project validation off, a fresh data folder and a port range of its own, so files running in
 * parallel never share ports), closed and its folder removed after them. `config` and `options`
 * add to that. Returns a getter: the factory exists once beforeAll has run.
 */
export function embeddedFactoryForFile(
  name: string,
  {
    config = {},
    options = {},
  }: { config?: Partial<FactoryConfigInput>; options?: CreateFactoryOptions } = {},
): { factory(): Factory; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), `sf-${name}-`));
  let factory: Factory | undefined;
  beforeAll(async () => {
    const start = randomTestPortBase(100);
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start, end: start + 99 }, ...config },
      { env: {}, ...options },
    );
  });
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    factory() {
      if (!factory) throw new Error(`the ${name} factory is made in beforeAll; read it inside a test`);
      return factory;
    },
  };
}

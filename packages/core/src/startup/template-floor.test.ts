import { TemplateInfo } from '@startup-factory/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { sharedPGlite } from '../../test/harness';
import { ResourceAllocator } from '../resources/resource-allocator';
import { StartupManager } from './startup-manager';

const db = sharedPGlite();
beforeAll(() => db.ready());
afterAll(() => db.close());
afterEach(() => db.reset());

const reactnext = TemplateInfo.parse({
  name: 'reactnext',
  description: 'Next.js',
  framework: 'nextjs',
  requiredPorts: 1,
  resourceRequirements: { memoryMb: 1024, cpuCores: 1, storageGb: 2, portCount: 1 },
});
const vuenuxt = TemplateInfo.parse({ ...reactnext, name: 'vuenuxt', framework: 'nuxt' });

async function make() {
  const store = await db.open();
  const allocator = new ResourceAllocator({
    store,
    portRange: { start: 45_000, end: 45_099 },
    totalMemoryMb: 100_000,
    totalCpuCores: 100,
    isPortFree: async () => true,
  });
  const templates = { getAvailableTemplates: async () => [reactnext, vuenuxt] };
  return { store, allocator, manager: new StartupManager({ store, allocator, templates }) };
}

const config = { name: 'Floor Test', industry: 'Retail', category: 'Marketplace' };

describe('admission against the templates', { timeout: scaled(120_000) }, () => {
  it('refuses an unknown template at admission, listing the available ones, and writes nothing', async () => {
    const { manager, store } = await make();
    const error = await manager.createStartup({ ...config, template: 'angular' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('TEMPLATE_NOT_FOUND');
    expect((error as Error).message).toContain('reactnext, vuenuxt');
    expect(await manager.listStartups()).toEqual([]);
    expect(await store.listEvents()).toEqual([]);
  });

  it("gives a startup at least its template's declared resources (reactnext: 1024 MB, not the 500 MB default)", async () => {
    const { manager } = await make();
    const id = await manager.createStartup(config);
    const startup = await manager.getStartup(id);
    expect(startup.resourceAllocation?.memoryMb).toBe(1024);
    expect(startup.resourceAllocation?.cpuCores).toBe(1);
    expect(startup.config.resourceRequirements.memoryMb).toBe(1024);
  });

  it('keeps a request above the floor as asked', async () => {
    const { manager } = await make();
    const id = await manager.createStartup({ ...config, resourceRequirements: { memoryMb: 2048 } });
    expect((await manager.getStartup(id)).resourceAllocation?.memoryMb).toBe(2048);
  });

  it('refuses unknown keys inside resourceRequirements instead of dropping them (costPerDay: -15)', async () => {
    const { manager } = await make();
    const error = await manager
      .createStartup({ ...config, resourceRequirements: { costPerDay: -15 } } as never)
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('INVALID_CONFIG');
    expect((error as Error).message).toContain('costPerDay');
    expect(await manager.listStartups()).toEqual([]);
  });
});

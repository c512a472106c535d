import { join } from 'node:path';
import {
  aiCoordinatorContract,
  resourceAllocatorContract,
  startupManagerContract,
  templateManagerContract,
} from '@startup-factory/contracts/testing';
import { ResourceAllocator } from '@startup-factory/core';
import {
  composedFactory,
  countingOfflineProvider,
  reopenedManager,
  type StoreOpener,
} from './composed-harness';

/**
 * The four track contracts against the system as createFactory composes
 * it: StartupManager, ResourceAllocator, TemplateManager and AICoordinator over one store.
 */
export function composedContracts(backend: string, stores: StoreOpener): void {
  startupManagerContract(`composed StartupManager on ${backend}`, async ({ maxConcurrent }) => {
    const { factory, store, cleanup } = await composedFactory(stores, {
      maxConcurrentStartups: maxConcurrent,
    });
    return { manager: factory.parts.manager, reopen: async () => reopenedManager(factory, store), cleanup };
  });

  resourceAllocatorContract(`composed ResourceAllocator on ${backend}`, async (options) => {
    const { store, cleanup } = await composedFactory(stores);
    const open = () => new ResourceAllocator({ store, ...options });
    return { allocator: open(), reopen: async () => open(), cleanup };
  });

  templateManagerContract(`composed TemplateManager on ${backend}`, async () => {
    const { factory, dataDir, cleanup } = await composedFactory(stores);
    return {
      manager: factory.parts.templates,
      outputDir: join(dataDir, 'projects'),
      templateName: 'reactnext',
      cleanup,
    };
  });

  aiCoordinatorContract(`composed AICoordinator on ${backend}`, async () => {
    const counting = countingOfflineProvider();
    const { factory, store, cleanup } = await composedFactory(stores, { providers: [counting.provider] });
    return { coordinator: factory.parts.coordinator, providerCalls: counting.calls, store, cleanup };
  });
}

import { allocatedSchema, entityList } from '../entities';
import type { AppContext } from './api-handler';
import { startApp } from './start-app';

const holder = globalThis as typeof globalThis & { __appContext?: Promise<AppContext> };

/** The process's one opened, migrated database; a failed start is retried on the next call, not cached. */
export function getAppContext(): Promise<AppContext> {
  if (!holder.__appContext) {
    holder.__appContext = startApp({ entities: entityList, defaultSchema: allocatedSchema }).catch((error) => {
      holder.__appContext = undefined;
      throw error;
    });
  }
  return holder.__appContext;
}

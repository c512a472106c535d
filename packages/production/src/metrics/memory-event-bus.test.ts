import { eventBusContract } from '@startup-factory/contracts/testing';
import { MemoryEventBus } from './memory-event-bus';

eventBusContract('MemoryEventBus', async () => {
  const bus = new MemoryEventBus();
  return { publisher: bus, subscriber: bus, cleanup: () => bus.close() };
});

import { eventBusContract } from '@startup-factory/contracts/testing';
import { InProcessEventBus } from './in-process-event-bus';

eventBusContract('InProcessEventBus', async () => {
  const bus = new InProcessEventBus();
  return { publisher: bus, subscriber: bus };
});

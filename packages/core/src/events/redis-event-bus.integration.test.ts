import { randomUUID } from 'node:crypto';
import { type EventBusHarness, eventBusContract } from '@startup-factory/contracts/testing';
import { describeWithServer } from '../../test/server-env';
import { RedisEventBus } from './redis-event-bus';

describeWithServer('REDIS_URL')('RedisEventBus', () => {
  eventBusContract('RedisEventBus (two connections)', async () => {
    const options = { redisUrl: process.env.REDIS_URL ?? '', channel: `sf-test:${randomUUID()}` };
    const handlerErrors: EventBusHarness['handlerErrors'] = [];
    const publisher = await RedisEventBus.connect(options);
    const subscriber = await RedisEventBus.connect({
      ...options,
      onHandlerError: (error, event) => handlerErrors.push({ error, event }),
    });
    return {
      publisher,
      subscriber,
      handlerErrors,
      async cleanup() {
        await Promise.all([publisher.close(), subscriber.close()]);
      },
    };
  });
});

import { randomUUID } from 'node:crypto';
import { eventBusContract } from '@startup-factory/contracts/testing';
import { describeWithServer } from '../../test/server-env';
import { RedisEventBus } from './redis-event-bus';

describeWithServer('REDIS_URL')('RedisEventBus', () => {
  eventBusContract('RedisEventBus (two connections)', async () => {
    const options = { redisUrl: process.env.REDIS_URL ?? '', channel: `sf-test:${randomUUID()}` };
    const publisher = await RedisEventBus.connect(options);
    const subscriber = await RedisEventBus.connect(options);
    return {
      publisher,
      subscriber,
      async cleanup() {
        await Promise.all([publisher.close(), subscriber.close()]);
      },
    };
  });
});

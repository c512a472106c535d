import {
  FactoryEvent,
  type HandlerErrorReporter,
  type IEventBus,
  type SubscribeFilter,
  Subscribers,
} from '@startup-factory/contracts';
import { Redis } from 'ioredis';
import type { DependencyMonitor } from '../outage/dependency-monitor';
import { redisUnavailableError, watchRedis } from '../queue/bullmq-connection';

export interface RedisEventBusOptions {
  redisUrl: string;
  /** Pub/sub channel; give each factory on a shared Redis its own (default `startup-factory:events`). */
  channel?: string;
  /** Told when a subscriber in this process throws (default: one line on standard error). */
  onHandlerError?: HandlerErrorReporter;
  /** Told about messages on the channel that do not parse as events (default: standard error). */
  onError?: (error: unknown) => void;
  /** Told when Redis stops answering and when it answers again. */
  monitor?: DependencyMonitor;
}

/**
 * The distributed bus: events go through Redis pub/sub, so a dashboard in one process sees tasks
 * finishing in worker processes. Delivery is live only; history is in the state store.
 */
export class RedisEventBus implements IEventBus {
  private readonly subscribers: Subscribers;
  private readonly channel: string;
  private readonly onError: (error: unknown) => void;
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    options: RedisEventBusOptions,
  ) {
    this.channel = options.channel ?? 'startup-factory:events';
    this.subscribers = new Subscribers(options.onHandlerError);
    this.onError =
      options.onError ??
      ((error) => console.error(`event bus: a message on ${this.channel} is not an event: ${String(error)}`));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel || this.closed) return;
      let event: FactoryEvent;
      try {
        event = FactoryEvent.parse(JSON.parse(message));
      } catch (error) {
        this.onError(error);
        return;
      }
      this.subscribers.deliver(event);
    });
  }

  /** Connects and subscribes before resolving, so no event published afterwards is missed. */
  static async connect(options: RedisEventBusOptions): Promise<RedisEventBus> {
    const open = () =>
      watchRedis(new Redis(options.redisUrl, { lazyConnect: true }), options.redisUrl, options.monitor);
    const publisher = open();
    const subscriber = open();
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (error) {
      // Left alone, both clients would keep reconnecting (and holding the process open) forever.
      publisher.disconnect();
      subscriber.disconnect();
      throw redisUnavailableError(options.redisUrl, error);
    }
    const bus = new RedisEventBus(publisher, subscriber, options);
    await subscriber.subscribe(bus.channel);
    return bus;
  }

  async publish(event: FactoryEvent): Promise<void> {
    if (this.closed) return;
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }

  subscribe(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    return this.subscribers.add(handler, filter);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscribers.close();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}

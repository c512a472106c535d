import type { FactoryEvent, IEventBus, IStateStore } from '@startup-factory/contracts';

/** Appends an event to the store (the durable history), then publishes it live. */
export class EventRecorder {
  constructor(private readonly deps: { store: IStateStore; bus?: IEventBus }) {}

  async emit(event: FactoryEvent): Promise<FactoryEvent> {
    return this.published(await this.deps.store.appendEvent(event));
  }

  /** Publishes live an event the store already holds (one it wrote with the change it reports). */
  async published(stored: FactoryEvent): Promise<FactoryEvent> {
    await this.deps.bus?.publish(stored);
    return stored;
  }
}

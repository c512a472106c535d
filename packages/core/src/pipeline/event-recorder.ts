import type { FactoryEvent, IEventBus, IStateStore } from '@startup-factory/contracts';

/** Appends an event to the store (the durable history), then publishes it live. */
export class EventRecorder {
  constructor(private readonly deps: { store: IStateStore; bus?: IEventBus }) {}

  async emit(event: FactoryEvent): Promise<FactoryEvent> {
    const stored = await this.deps.store.appendEvent(event);
    await this.deps.bus?.publish(stored);
    return stored;
  }
}

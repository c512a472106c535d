import type { FactoryEvent, FactoryEventType } from '../schemas/events';

export interface SubscribeFilter {
  startupId?: string;
  types?: FactoryEventType[];
}

/** Live delivery of events to subscribers (dashboard, CLI progress). Durable history lives in IStateStore. */
export interface IEventBus {
  publish(event: FactoryEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (event: FactoryEvent) => void, filter?: SubscribeFilter): () => void;
  close(): Promise<void>;
}

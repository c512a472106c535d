import type { FactoryEvent, FactoryEventType } from '../schemas/events';

export interface SubscribeFilter {
  startupId?: string;
  types?: FactoryEventType[];
}

/**
 * Live delivery of events to subscribers (dashboard, CLI progress). Durable history lives in
 * IStateStore. A subscriber that throws is isolated (the others still receive the event) and
 * reported to the bus's `onHandlerError` reporter; it never reaches `publish`'s caller.
 */
export interface IEventBus {
  publish(event: FactoryEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (event: FactoryEvent) => void, filter?: SubscribeFilter): () => void;
  close(): Promise<void>;
}

import type { SubscribeFilter } from '../interfaces/event-bus';
import type { FactoryEvent } from '../schemas/events';

/** Told when a subscriber throws: the error and the event it was handling. */
export type HandlerErrorReporter = (error: unknown, event: FactoryEvent) => void;

/**
 * The default reporter: one line on standard error naming the event, so a subscriber bug is seen
 * even where nobody passed a reporter. Hosts pass their own (apps/factory sends it to its log).
 */
export const reportHandlerErrorToStderr: HandlerErrorReporter = (error, event) => {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`event bus: a subscriber to ${event.type} (startup ${event.startupId}) threw: ${detail}`);
};

/** True when `event` passes `filter` (absent fields match everything). */
export function matchesFilter(event: FactoryEvent, filter: SubscribeFilter): boolean {
  return (
    (filter.startupId === undefined || filter.startupId === event.startupId) &&
    (filter.types === undefined || filter.types.includes(event.type))
  );
}

/**
 * The subscribers of one bus: what every IEventBus keeps, whatever carries its events. A handler
 * that throws is isolated (the others still get the event) and reported, never swallowed.
 */
export class Subscribers {
  private readonly subscriptions = new Set<{
    handler: (event: FactoryEvent) => void;
    filter: SubscribeFilter;
  }>();
  private closed = false;

  constructor(private readonly onHandlerError: HandlerErrorReporter = reportHandlerErrorToStderr) {}

  /** Adds a handler (none once closed) and returns the function that removes it. */
  add(handler: (event: FactoryEvent) => void, filter: SubscribeFilter = {}): () => void {
    const subscription = { handler, filter };
    if (!this.closed) this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /** Calls every matching handler; one that throws is reported and does not stop the others. */
  deliver(event: FactoryEvent): void {
    for (const { handler, filter } of [...this.subscriptions]) {
      if (!matchesFilter(event, filter)) continue;
      try {
        handler(event);
      } catch (error) {
        this.report(error, event);
      }
    }
  }

  /** Reports a handler error; a reporter that throws itself must not break delivery either. */
  private report(error: unknown, event: FactoryEvent): void {
    try {
      this.onHandlerError(error, event);
    } catch (reporterError) {
      reportHandlerErrorToStderr(new AggregateError([error, reporterError], 'and its reporter threw'), event);
    }
  }

  get size(): number {
    return this.subscriptions.size;
  }

  close(): void {
    this.closed = true;
    this.subscriptions.clear();
  }
}

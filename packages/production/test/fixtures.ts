import type { AIUsageRecord, FactoryEvent, IEventBus, IStateStore } from '@startup-factory/contracts';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000);

type Draft = FactoryEvent extends infer E
  ? E extends FactoryEvent
    ? Omit<E, 'at'> & { at?: Date }
    : never
  : never;

/** Appends like the SQL store does, then publishes the stored event (with its seq) on the bus. */
export function emitter(store: IStateStore, bus: IEventBus) {
  return async (event: Draft, seconds = 0): Promise<FactoryEvent> => {
    const stored = await store.appendEvent({ ...event, at: event.at ?? at(seconds) } as FactoryEvent);
    await bus.publish(stored);
    return stored;
  };
}

let usageId = 0;
export function usage(
  partial: Partial<AIUsageRecord> & Pick<AIUsageRecord, 'startupId' | 'provider'>,
): AIUsageRecord {
  usageId += 1;
  return {
    id: `u${usageId}`,
    taskType: 'market_research',
    model: 'm1',
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.01,
    latencyMs: 200,
    outcome: 'success',
    attempt: 1,
    createdAt: at(0),
    ...partial,
  };
}

import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IEventBus } from '../interfaces/event-bus';
import type { FactoryEvent } from '../schemas/events';
import { type ContractCase, registerContract } from './contract-case';

export interface EventBusHarness {
  /** Two handles on the same bus (the same object for an in-process bus, two connections for a distributed one). */
  publisher: IEventBus;
  subscriber: IEventBus;
  /** What the subscriber bus's `onHandlerError` reporter was told; the setup wires it here. */
  handlerErrors: Array<{ error: unknown; event: FactoryEvent }>;
  cleanup?(): Promise<void>;
}

const phaseStarted = (startupId: string): FactoryEvent => ({
  type: 'phase.started',
  startupId,
  at: new Date(),
  phase: 'mvp_spec',
});
const taskQueued = (startupId: string, taskId: string): FactoryEvent => ({
  type: 'task.queued',
  startupId,
  at: new Date(),
  taskId,
  taskType: 'research',
  priority: 5,
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Publishes a marker event and waits until `received` holds it, so earlier events had their chance. */
async function flush(bus: EventBusHarness, received: FactoryEvent[], startupId: string) {
  const marker = `marker-${randomUUID()}`;
  await bus.publisher.publish(taskQueued(startupId, marker));
  await until(() => received.some((e) => 'taskId' in e && e.taskId === marker), 'the marker event');
}

export const eventBusCases: ContractCase<EventBusHarness>[] = [
  {
    name: 'a subscriber receives published events with their fields and dates',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const received: FactoryEvent[] = [];
      bus.subscriber.subscribe((e) => received.push(e), { startupId });
      const sent = taskQueued(startupId, 't1');
      await bus.publisher.publish(sent);
      await until(() => received.length === 1, 'one event');
      expect(received[0]).toMatchObject({ type: 'task.queued', startupId, taskId: 't1', priority: 5 });
      expect(received[0]?.at).toBeInstanceOf(Date);
      expect(received[0]?.at.getTime()).toBe(sent.at.getTime());
    },
  },
  {
    name: 'the filter selects by startup and by event type',
    async run(bus) {
      const mine = `s-${randomUUID()}`;
      const other = `s-${randomUUID()}`;
      const byStartup: FactoryEvent[] = [];
      const byType: FactoryEvent[] = [];
      bus.subscriber.subscribe((e) => byStartup.push(e), { startupId: mine });
      bus.subscriber.subscribe((e) => byType.push(e), { startupId: mine, types: ['phase.started'] });
      await bus.publisher.publish(taskQueued(other, 'x'));
      await bus.publisher.publish(phaseStarted(other));
      await bus.publisher.publish(phaseStarted(mine));
      await flush(bus, byStartup, mine);
      expect(byStartup.map((e) => [e.type, e.startupId])).toEqual([
        ['phase.started', mine],
        ['task.queued', mine],
      ]);
      expect(byType.map((e) => [e.type, e.startupId])).toEqual([['phase.started', mine]]);
    },
  },
  {
    name: 'events arrive in the order they were published',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const received: FactoryEvent[] = [];
      bus.subscriber.subscribe((e) => received.push(e), { startupId, types: ['task.queued'] });
      for (let i = 0; i < 20; i += 1) await bus.publisher.publish(taskQueued(startupId, `t${i}`));
      await until(() => received.length === 20, 'twenty events');
      expect(received.map((e) => ('taskId' in e ? e.taskId : ''))).toEqual(
        Array.from({ length: 20 }, (_, i) => `t${i}`),
      );
    },
  },
  {
    name: 'unsubscribe stops delivery to that handler only',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const stopped: FactoryEvent[] = [];
      const kept: FactoryEvent[] = [];
      const unsubscribe = bus.subscriber.subscribe((e) => stopped.push(e), { startupId });
      bus.subscriber.subscribe((e) => kept.push(e), { startupId });
      await bus.publisher.publish(phaseStarted(startupId));
      await until(() => stopped.length === 1 && kept.length === 1, 'the first event');
      unsubscribe();
      await bus.publisher.publish(phaseStarted(startupId));
      await flush(bus, kept, startupId);
      expect(stopped).toHaveLength(1);
      expect(kept.filter((e) => e.type === 'phase.started')).toHaveLength(2);
    },
  },
  {
    name: 'a handler that throws does not stop delivery to others',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const received: FactoryEvent[] = [];
      bus.subscriber.subscribe(
        () => {
          throw new Error('subscriber bug');
        },
        { startupId },
      );
      bus.subscriber.subscribe((e) => received.push(e), { startupId });
      await bus.publisher.publish(phaseStarted(startupId));
      await bus.publisher.publish(phaseStarted(startupId));
      await until(() => received.length === 2, 'both events');
    },
  },
  {
    name: 'a handler that throws is reported with the event it was handling, not swallowed',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const bug = new Error('subscriber bug');
      bus.subscriber.subscribe(
        () => {
          throw bug;
        },
        { startupId },
      );
      await expect(bus.publisher.publish(phaseStarted(startupId))).resolves.toBeUndefined();
      await until(() => bus.handlerErrors.length === 1, 'the reported handler error');
      expect(bus.handlerErrors[0]?.error).toBe(bug);
      expect(bus.handlerErrors[0]?.event).toMatchObject({ type: 'phase.started', startupId });
    },
  },
  {
    name: 'close ends delivery and later publishes do not reach old subscribers',
    async run(bus) {
      const startupId = `s-${randomUUID()}`;
      const received: FactoryEvent[] = [];
      bus.subscriber.subscribe((e) => received.push(e), { startupId });
      await bus.publisher.publish(phaseStarted(startupId));
      await until(() => received.length === 1, 'the first event');
      await bus.subscriber.close();
      await bus.publisher.publish(phaseStarted(startupId)).catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toHaveLength(1);
    },
  },
];

/** Registers the IEventBus suite for one implementation. */
export function eventBusContract(name: string, setup: () => Promise<EventBusHarness>): void {
  registerContract(`IEventBus contract: ${name}`, eventBusCases, setup);
}

import type { Artifact, FactoryEvent, IStateStore, TaskRecord, TaskResult } from '@startup-factory/contracts';

/**
 * A store that writes a change together with the event reporting it, one statement each
 * (SqlStateStore): half the round trips, and the change and its event land or fail together.
 * Each returns the stored event, already published to the store's bus.
 */
export interface WritesWithEvents {
  /** A task's record and its events; with `onlyNew`, null (writing nothing) when the id is taken. */
  saveTaskWithEvents(
    record: TaskRecord,
    events: readonly FactoryEvent[],
    options?: { onlyNew?: boolean },
  ): Promise<FactoryEvent[] | null>;
  /** Null, writing nothing, when another result for the task was stored first. */
  finishTask(result: TaskResult, record: TaskRecord, event: FactoryEvent): Promise<FactoryEvent | null>;
  recordArtifactWithEvent(artifact: Artifact, event: FactoryEvent): Promise<FactoryEvent>;
  /** Artifacts, documents (upserted) and the events reporting them, in one statement. */
  recordArtifactsWithEvents(
    artifacts: readonly Artifact[],
    documents: ReadonlyArray<{ collection: string; key: string; value: unknown }>,
    events: readonly FactoryEvent[],
  ): Promise<FactoryEvent[]>;
}

/** Whether `store` can write a change and its event in one statement. */
export function writesWithEvents(store: IStateStore): store is IStateStore & WritesWithEvents {
  const s = store as Partial<WritesWithEvents>;
  return (
    typeof s.saveTaskWithEvents === 'function' &&
    typeof s.finishTask === 'function' &&
    typeof s.recordArtifactWithEvent === 'function' &&
    typeof s.recordArtifactsWithEvents === 'function'
  );
}

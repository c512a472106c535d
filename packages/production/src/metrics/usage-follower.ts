import type { AIUsageRecord, IStateStore } from '@startup-factory/contracts';

/**
 * Reads the usage table incrementally: each call hands `onRecord` the records written since the
 * previous call, once each (records at the boundary instant are remembered by id). Concurrent
 * calls share one read. Records written later with an older timestamp than the newest seen are
 * not picked up.
 */
export function followUsage(
  store: IStateStore,
  onRecord: (record: AIUsageRecord) => void,
): () => Promise<void> {
  let cursor: number | undefined;
  let atCursor = new Set<string>();
  let inflight: Promise<void> | null = null;

  const read = async (): Promise<void> => {
    const records = await store.listUsage(cursor === undefined ? {} : { since: new Date(cursor) });
    const time = (r: AIUsageRecord) => new Date(r.createdAt).getTime();
    records.sort((a, b) => time(a) - time(b));
    for (const record of records) {
      const t = time(record);
      if (cursor !== undefined && (t < cursor || (t === cursor && atCursor.has(record.id)))) continue;
      if (cursor === undefined || t > cursor) {
        cursor = t;
        atCursor = new Set();
      }
      atCursor.add(record.id);
      onRecord(record);
    }
  };

  return () => {
    inflight ??= read().finally(() => {
      inflight = null;
    });
    return inflight;
  };
}

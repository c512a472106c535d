import { describe, expect, it } from 'vitest';
import {
  createInMemoryState,
  InMemoryStateStore,
  runContractCases,
  stateStoreCases,
  stateStoreContract,
} from './testing/index';

stateStoreContract('InMemoryStateStore', async () => {
  const state = createInMemoryState();
  return { store: new InMemoryStateStore(state), reopen: async () => new InMemoryStateStore(state) };
});

describe('stateStoreContract can fail', () => {
  it('catches a store that loses its state on restart', async () => {
    const outcomes = await runContractCases(stateStoreCases, async () => ({
      store: new InMemoryStateStore(),
      reopen: async () => new InMemoryStateStore(),
    }));
    const failed = outcomes.filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toContain('documents round-trip and survive a new instance');
    expect(failed).toContain('the first task result wins and survives a new instance');
  });

  it('catches a store whose later task result overwrites the first', async () => {
    class LastWriteWins extends InMemoryStateStore {
      override async saveTaskResult(result: Parameters<InMemoryStateStore['saveTaskResult']>[0]) {
        this.state.results.set(result.taskId, result);
        return true;
      }
    }
    const outcomes = await runContractCases(stateStoreCases, async () => {
      const state = createInMemoryState();
      return { store: new LastWriteWins(state), reopen: async () => new LastWriteWins(state) };
    });
    expect(outcomes.find((o) => o.name.startsWith('the first task result wins'))?.passed).toBe(false);
  });

  it('catches a store whose insertDocument overwrites what is there', async () => {
    class Overwrites extends InMemoryStateStore {
      override async insertDocument(collection: string, key: string, value: unknown) {
        await this.putDocument(collection, key, value);
        return true;
      }
    }
    const outcomes = await runContractCases(stateStoreCases, async () => {
      const state = createInMemoryState();
      return { store: new Overwrites(state), reopen: async () => new Overwrites(state) };
    });
    expect(outcomes.find((o) => o.name.startsWith('insertDocument'))?.passed).toBe(false);
  });

  it('catches a store whose reservation checks, then books, with a wait in between', async () => {
    class CheckThenBook extends InMemoryStateStore {
      override async reserveUsage(...[record, limits]: Parameters<InMemoryStateStore['reserveUsage']>) {
        const hour = await this.usageSince(
          record.startupId,
          new Date(record.createdAt.getTime() - 3_600_000),
        );
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (hour.calls + 1 > limits.callsPerHour) {
          return {
            reserved: false as const,
            limit: 'callsPerHour' as const,
            callsLastHour: hour.calls,
            costLastDayUsd: 0,
          };
        }
        await this.recordUsage(record);
        return { reserved: true as const };
      }
    }
    const outcomes = await runContractCases(stateStoreCases, async () => {
      const state = createInMemoryState();
      return { store: new CheckThenBook(state), reopen: async () => new CheckThenBook(state) };
    });
    expect(outcomes.find((o) => o.name.includes('calls-per-hour limit'))?.passed).toBe(false);
  });

  it('catches a store that counts cache hits against the quota', async () => {
    class CountsEverything extends InMemoryStateStore {
      override async usageSince(startupId: string, since: Date) {
        const rows = await this.listUsage({ startupId, since });
        return {
          calls: rows.length,
          costUsd: rows.reduce((s, r) => s + r.costUsd, 0),
          inputTokens: rows.reduce((s, r) => s + r.inputTokens, 0),
          outputTokens: rows.reduce((s, r) => s + r.outputTokens, 0),
        };
      }
    }
    const outcomes = await runContractCases(stateStoreCases, async () => {
      const state = createInMemoryState();
      return { store: new CountsEverything(state), reopen: async () => new CountsEverything(state) };
    });
    expect(outcomes.find((o) => o.name.startsWith('usage totals'))?.passed).toBe(false);
    expect(outcomes.filter((o) => !o.passed)).toHaveLength(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { pgliteStores } from './composed-harness';

describe("the composed factory's event bus", () => {
  let factory: Factory | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await factory?.close();
    factory = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends a throwing subscriber's error to the factory log and still delivers to the others", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sf-bus-wiring-'));
    const { store } = await pgliteStores();
    const log: Array<{ level: string; message: string }> = [];
    factory = await createFactory(
      { dataDir },
      { store, env: {}, adaptiveConcurrency: false, log: (entry) => log.push(entry) },
    );
    const { bus } = factory.parts;
    const delivered: string[] = [];
    bus.subscribe(() => {
      throw new Error('dashboard bug');
    });
    bus.subscribe((event) => delivered.push(event.type));
    await bus.publish({ type: 'phase.started', startupId: 's1', at: new Date(), phase: 'mvp_spec' });
    expect(delivered).toEqual(['phase.started']);
    expect(log).toEqual([
      { level: 'warn', message: 'A subscriber to phase.started (startup s1) threw: dashboard bug' },
    ]);
  });
});

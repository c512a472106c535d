import { describe, expect, it } from 'vitest';
import { warmUp } from './warm-up';

describe('warmUp', () => {
  it('runs every task concurrently and reports failures without throwing', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const report = await warmUp([
      {
        name: 'templates',
        run: async () => {
          order.push('templates:start');
          await gate;
          order.push('templates:end');
        },
      },
      {
        name: 'catalogue',
        run: () => {
          order.push('catalogue');
          release();
        },
      },
      {
        name: 'pool',
        run: () => {
          throw new Error('connection refused');
        },
      },
    ]);
    expect(order).toEqual(['templates:start', 'catalogue', 'templates:end']);
    expect(report.ok).toBe(false);
    expect(report.tasks.map((t) => [t.name, t.ok, t.error])).toEqual([
      ['templates', true, undefined],
      ['catalogue', true, undefined],
      ['pool', false, 'connection refused'],
    ]);
  });
});

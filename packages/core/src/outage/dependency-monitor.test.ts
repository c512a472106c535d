import { describe, expect, it } from 'vitest';
import { type DependencyChange, DependencyMonitor } from './dependency-monitor';

describe('DependencyMonitor', () => {
  it('turns many failing connections and repeated retries into one down and one up change', () => {
    const monitor = new DependencyMonitor(() => new Date(0));
    const changes: DependencyChange[] = [];
    monitor.onChange((c) => changes.push(c));
    for (let retry = 0; retry < 50; retry++) {
      monitor.report('redis', 'queue', false, 'Redis at redis://h:1: ECONNREFUSED');
      monitor.report('redis', 'bus', false, 'Redis at redis://h:1: ECONNREFUSED');
    }
    expect(monitor.downDetail('redis')).toBe('Redis at redis://h:1: ECONNREFUSED');
    monitor.report('redis', 'queue', true);
    expect(changes).toHaveLength(1); // the bus connection is still down
    monitor.report('redis', 'bus', true);
    monitor.report('redis', 'bus', true);
    expect(changes.map((c) => c.state)).toEqual(['down', 'up']);
    expect(monitor.downDetail('redis')).toBeNull();
    expect(monitor.downDetail('postgres')).toBeNull();
  });
});

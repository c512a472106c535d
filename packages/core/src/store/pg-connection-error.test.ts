import { describe, expect, it } from 'vitest';
import { connectionFailureReason } from './pg-connection-error';

describe('connectionFailureReason', () => {
  it('recognises an unreachable or lost server, and only that', () => {
    expect(
      connectionFailureReason(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('ECONNREFUSED');
    expect(connectionFailureReason(new Error('timeout exceeded when trying to connect'))).toBe(
      'connection timeout',
    );
    expect(connectionFailureReason(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(
      connectionFailureReason(Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ).toBe('SQLSTATE 57P01');
    const both = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'localhost');
    expect(connectionFailureReason(both)).toBe('ECONNREFUSED');
    expect(connectionFailureReason(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(connectionFailureReason(new Error('syntax error at or near "SELEC"'))).toBeNull();
  });
});

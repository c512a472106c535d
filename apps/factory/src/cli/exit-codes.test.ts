import {
  DeployFailedError,
  InvalidOutputError,
  NoProviderError,
  ProviderError,
  StoreUnavailableError,
  TaskCancelledError,
  TaskTimeoutError,
  TemplateNotFoundError,
} from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, exitCodeForStartup, nextStepFor } from './exit-codes';

describe('exitCodeFor', () => {
  it('gives a failed deploy its own documented exit code, not the "unexpected" 1', () => {
    const code = exitCodeFor(new DeployFailedError({ message: 'the new version never became healthy' }));
    expect(code).toBe(EXIT.deployFailed);
    expect(code).toBe(8);
  });

  it('keeps every exit code distinct, so a script can tell each outcome apart', () => {
    const values = Object.values(EXIT);
    expect(new Set(values).size).toBe(values.length);
  });

  it('maps by code and treats anything that is not a FactoryError as unexpected', () => {
    expect(exitCodeFor(new TemplateNotFoundError({ message: 'no such template' }))).toBe(EXIT.notFound);
    expect(exitCodeFor(new StoreUnavailableError({ message: 'PostgreSQL is down' }))).toBe(EXIT.unavailable);
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.internal);
    expect(exitCodeFor('a string')).toBe(EXIT.internal);
  });

  it('tells an AI outage, an invalid AI answer and a failed task apart from a crash (9, 10, 11)', () => {
    expect(exitCodeFor(new ProviderError({ message: 'rate limited', provider: 'openai' }))).toBe(9);
    expect(exitCodeFor(new NoProviderError({ message: 'no provider' }))).toBe(EXIT.aiUnavailable);
    expect(exitCodeFor(new InvalidOutputError({ message: 'not an MVP spec' }))).toBe(10);
    const timeout = new TaskTimeoutError({ message: 'late', taskId: 't1', timeoutMs: 1000 });
    expect(exitCodeFor(timeout)).toBe(11);
    expect(exitCodeFor(new TaskCancelledError({ message: 'closed' }))).toBe(EXIT.taskFailed);
    expect(nextStepFor(timeout)).toMatch(/factory show/);
    expect(nextStepFor(new ProviderError({ message: '503', provider: 'openai' }))).toMatch(/API key/);
  });

  it('exits a failed startup as its AI or task failure does, and any other failure with 5', () => {
    const failed = (code: string) => exitCodeForStartup({ status: 'failed', error: { code } });
    expect(failed('ALL_PROVIDERS_FAILED')).toBe(EXIT.aiUnavailable);
    expect(failed('INVALID_OUTPUT')).toBe(EXIT.aiInvalidOutput);
    expect(failed('TASK_TIMEOUT')).toBe(EXIT.taskFailed);
    expect(failed('INTERNAL')).toBe(EXIT.pipelineFailed);
    expect(failed('NOT_FOUND')).toBe(EXIT.pipelineFailed);
    expect(exitCodeForStartup({ status: 'completed', error: null })).toBe(EXIT.ok);
  });
});

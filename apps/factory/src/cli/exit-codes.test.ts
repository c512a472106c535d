import {
  DeployFailedError,
  ProviderError,
  StoreUnavailableError,
  TemplateNotFoundError,
} from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from './exit-codes';

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
    expect(exitCodeFor(new ProviderError({ message: 'rate limited', provider: 'openai' }))).toBe(
      EXIT.internal,
    );
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.internal);
    expect(exitCodeFor('a string')).toBe(EXIT.internal);
  });
});

import { expect } from 'vitest';
import { type ErrorCode, FactoryError } from '../errors/factory-error';

/** Awaits `promise`, asserts it rejects with a FactoryError of `code`, and returns the error. */
export async function expectFactoryError(promise: Promise<unknown>, code: ErrorCode): Promise<FactoryError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a rejection with code ${code}`).toBeDefined();
  expect(FactoryError.isInstance(caught), `expected a FactoryError, got ${String(caught)}`).toBe(true);
  expect((caught as FactoryError).code).toBe(code);
  return caught as FactoryError;
}

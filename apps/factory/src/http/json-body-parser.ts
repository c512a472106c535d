import { HttpError } from './http-error';

/**
 * The path of the first key that could reach an object's prototype once the body is merged into
 * another object: `__proto__`, or `constructor` holding `prototype` (what secure-json-parse
 * refuses with `onProtoPoisoning`/`onConstructorPoisoning: 'error'`). Iterative, so deep nesting
 * cannot overflow the stack.
 */
export function findPrototypeKey(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      const at = path === '' ? key : `${path}.${key}`;
      if (key === '__proto__') return at;
      if (
        key === 'constructor' &&
        child !== null &&
        typeof child === 'object' &&
        Object.hasOwn(child, 'prototype')
      )
        return `${at}.prototype`;
      stack.push({ value: child, path: at });
    }
  }
  return undefined;
}

/**
 * Fastify body parser for `application/json`: no body is no body (a DELETE or a bodiless POST), a
 * body that is not JSON or carries a prototype key is a 400 that says which.
 */
export function parseJsonBody(_request: unknown, body: string): unknown {
  if (body.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new HttpError({
      statusCode: 400,
      code: 'INVALID_JSON',
      message: `Body is not valid JSON (${(error as Error).message}); send JSON with content-type: application/json.`,
    });
  }
  const key = findPrototypeKey(value);
  if (key !== undefined) {
    throw new HttpError({
      statusCode: 400,
      code: 'FORBIDDEN_KEY',
      message: `Body has the key ${key}; keys that reach an object's prototype (__proto__, constructor.prototype) are refused. Remove it.`,
    });
  }
  return value;
}

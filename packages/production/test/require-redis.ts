import { serverMissing } from '../../../tooling/testing/require-server';

/** True when REDIS_URL is not set (tests skip locally); throws under CI=true, where CI starts Redis. */
export function redisMissing(): boolean {
  return serverMissing('REDIS_URL');
}

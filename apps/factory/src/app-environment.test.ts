import { describe, expect, it } from 'vitest';
import { appEnvironment } from './app-environment';

const factoryEnv = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/home/founder',
  LANG: 'en_US.UTF-8',
  LC_ALL: 'en_US.UTF-8',
  HTTPS_PROXY: 'http://proxy.internal:3128',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.pem',
  npm_config_registry: 'https://registry.internal/',
  'npm_config_//registry.internal/:_authToken': 'npm-token-secret',
  npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64',
  DATABASE_URL: 'postgres://factory:hunter2@db.internal/factory',
  REDIS_URL: 'redis://:redis-secret@cache.internal:6379',
  OPENAI_API_KEY: 'sk-openai-secret',
  ANTHROPIC_API_KEY: 'sk-ant-secret',
  PERPLEXITY_API_KEY: 'pplx-secret',
  FACTORY_API_TOKEN: 'factory-token-0123456789',
  FACTORY_DATA_DIR: '/srv/factory',
  GITHUB_TOKEN: 'ghp_secret',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  NODE_OPTIONS: '--inspect=0.0.0.0:9229',
  APP_DATABASE_URL: 'postgres://someone-else@db/other',
};
const allocation = { databaseNamespace: 'startup_route_mate_1a2b' };
const secrets =
  /hunter2|redis-secret|sk-|pplx|factory-token|ghp_|aws-secret|npm-token-secret|someone-else|inspect/;

describe('appEnvironment', () => {
  it("passes what npm and the frameworks need and none of the factory's settings or secrets", () => {
    const env = appEnvironment({ parent: factoryEnv, allocation, port: 3001, purpose: 'start' });
    expect(env).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/founder',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'en_US.UTF-8',
      HTTPS_PROXY: 'http://proxy.internal:3128',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.pem',
      npm_config_registry: 'https://registry.internal/',
      PORT: '3001',
      APP_DB_SCHEMA: 'startup_route_mate_1a2b',
      NEXT_TELEMETRY_DISABLED: '1',
      NUXT_TELEMETRY_DISABLED: '1',
    });
    expect(JSON.stringify(env)).not.toMatch(secrets);
  });

  it('embedded mode: no database URL, so the app opens its own PGlite', () => {
    for (const purpose of ['install', 'build', 'test', 'start'] as const) {
      const env = appEnvironment({ parent: factoryEnv, allocation, port: 3000, purpose });
      expect(env.APP_DATABASE_URL).toBeUndefined();
      expect(env.DATABASE_URL).toBeUndefined();
      expect(env.APP_DB_SCHEMA).toBe('startup_route_mate_1a2b');
    }
  });

  it("distributed mode: the running app gets the factory's PostgreSQL as APP_DATABASE_URL, in its schema", () => {
    const databaseUrl = 'postgres://factory:hunter2@db.internal/factory';
    const start = appEnvironment({
      parent: factoryEnv,
      allocation,
      port: 3000,
      purpose: 'start',
      databaseUrl,
    });
    expect(start.APP_DATABASE_URL).toBe(databaseUrl);
    expect(start.APP_DB_SCHEMA).toBe('startup_route_mate_1a2b');
    expect(start.DATABASE_URL).toBeUndefined();
    // Installs, builds and the app's own tests stay on its embedded database.
    for (const purpose of ['install', 'build', 'test'] as const) {
      const env = appEnvironment({ parent: factoryEnv, allocation, port: 3000, purpose, databaseUrl });
      expect(env.APP_DATABASE_URL).toBeUndefined();
    }
  });
});

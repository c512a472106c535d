import type { MvpSpec } from '@startup-factory/contracts';
import type { EntityDef } from '../../../templates/_web/lib/entity-types';
import { type AppContext, createApiHandler } from '../../../templates/_web/lib/server/api-handler';
import { startApp } from '../../../templates/_web/lib/server/start-app';
import type { ApiBody } from '../../../templates/_web/test/test-app';
import { entityDefinitions } from '../src/generators/entity-definitions';

/** Fixed copy for the typed slots: tests of the runtime care about entities, not words. */
export const TEST_SLOTS = {
  headline: 'h',
  tagline: 't',
  heroCopy: 'c',
  features: [],
  callToAction: 'go',
  entityDescriptions: {},
  draftedOffline: false,
};

export interface ProjectApp {
  context: AppContext;
  entities: EntityDef[];
  /** One signed-in caller of the app's JSON API, called in-process as a framework route does. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: ApiBody }>;
  close(): Promise<void>;
}

/**
 * A generated project's app, run in-process on its own embedded database (`<dir>/.data`), or on a
 * PostgreSQL server with `env.APP_DATABASE_URL`: the same runtime, migrations on start and API as
 * `npm start`, for `spec`'s entities.
 */
export async function openProjectApp(
  dir: string,
  spec: MvpSpec,
  schema = 'startup_acme_1',
  env: Record<string, string> = {},
): Promise<ProjectApp> {
  const entities = Object.values(entityDefinitions(spec, TEST_SLOTS)) as EntityDef[];
  const context = await startApp({
    entities,
    defaultSchema: schema,
    env: { NODE_ENV: 'test', APP_ROOT: dir, APP_SAMPLE_DATA: 'off', ...env },
  });
  const api = createApiHandler(async () => context);
  let cookie: string | undefined;
  const call: ProjectApp['call'] = async (method, path, body) => {
    const url = new URL(`http://app.test/api/${path}`);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    const response = await api(
      new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      url.pathname.slice(5).split('/').filter(Boolean),
    );
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as ApiBody };
  };
  return { context, entities, call, close: () => context.db.close() };
}

/** Signs up (first time) or in, so later calls carry the session. */
export async function signIn(
  app: ProjectApp,
  email = 'founder@example.com',
  password = 'correct horse battery',
) {
  const up = await app.call('POST', 'auth/sign-up', { email, password });
  if (up.status === 201) return;
  const answer = await app.call('POST', 'auth/sign-in', { email, password });
  if (answer.status !== 200)
    throw new Error(`sign-in answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

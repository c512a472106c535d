import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DashboardEntry, EntityDef, RelatedList, Row } from '../lib/entity-types';
import { type AppContext, createApiHandler } from '../lib/server/api-handler';
import type { MailMessage } from '../lib/server/auth/mailer';
import { startApp } from '../lib/server/start-app';

export interface TestAppOptions {
  entities: EntityDef[];
  defaultSchema: string;
  /** The folder holding db/migrations and db/sample-data.json. */
  root: string;
  /** A PostgreSQL URL to run against instead of a fresh embedded database. */
  databaseUrl?: string;
  /** A schema of its own on that server, dropped afterwards. */
  schema?: string;
}

/** Every shape the API answers with, loosely: a test reads what the route it called returns. */
export interface ApiBody extends Row {
  items: Row[] & { id: number; label: string; email: string; role: string }[];
  total: number;
  page: number;
  limit: number;
  pages: number;
  fields: Record<string, string>;
  related: RelatedList[];
  entities: DashboardEntry[];
  error: string;
  code: string;
  url: string;
  user: { id: number; email: string };
  workspace: { id: number; name: string };
  role: string;
}

export interface ApiAnswer {
  status: number;
  body: ApiBody;
  headers: Headers;
}

/** A browser-like caller: it keeps the session cookie the app sets. */
export interface Agent {
  cookie: string | undefined;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
}

/** The app's API on its own fresh database, called in-process with web Requests like a framework route does. */
export function testApp(options: TestAppOptions) {
  let dataDir = '';
  let context: AppContext | undefined;
  let api: ReturnType<typeof createApiHandler>;
  const mail: MailMessage[] = [];
  let accounts = 0;

  const env = (): NodeJS.ProcessEnv => ({
    NODE_ENV: 'test',
    APP_ROOT: options.root,
    APP_DATA_DIR: dataDir,
    APP_SAMPLE_DATA: 'off',
    ...(options.databaseUrl ? { APP_DATABASE_URL: options.databaseUrl } : {}),
    ...(options.schema ? { APP_DB_SCHEMA: options.schema } : {}),
  });

  const app = {
    mail,
    get context(): AppContext {
      if (!context) throw new Error('call open() first');
      return context;
    },
    async open() {
      if (!dataDir) dataDir = await mkdtemp(join(tmpdir(), 'app-data-'));
      const started = await startApp({ entities: options.entities, defaultSchema: options.defaultSchema, env: env() });
      started.mailer = async (message) => {
        mail.push(message);
      };
      context = started;
      api = createApiHandler(async () => started);
    },
    async close() {
      if (options.schema && context) await context.db.exec(`DROP SCHEMA IF EXISTS "${options.schema}" CASCADE`);
      await context?.db.close();
      context = undefined;
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await context?.db.close();
      await app.open();
    },
    /** A caller with no session yet. */
    agent(): Agent {
      const agent: Agent = {
        cookie: undefined,
        async call(method, path, body, headers = {}) {
          const url = new URL(`http://app.test/api/${path}`);
          const init: RequestInit & { headers: Record<string, string> } = { method, headers: { ...headers } };
          if (body !== undefined) {
            init.body = typeof body === 'string' ? body : JSON.stringify(body);
            init.headers['content-type'] = 'application/json';
          }
          if (agent.cookie) init.headers.cookie = agent.cookie;
          const response = await api(new Request(url, init), url.pathname.slice(5).split('/').filter(Boolean));
          const set = response.headers.get('set-cookie');
          if (set) agent.cookie = /Max-Age=0/.test(set) ? undefined : set.split(';')[0];
          const text = await response.text();
          return { status: response.status, body: (text ? JSON.parse(text) : null) as ApiBody, headers: response.headers };
        },
      };
      return agent;
    },
    /** A new account with a workspace of its own, signed in. */
    async signUp(email = `user${++accounts}-${Date.now()}@example.com`, password = 'correct horse battery') {
      const agent = app.agent();
      const answer = await agent.call('POST', 'auth/sign-up', { email, password });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return Object.assign(agent, { email, password });
    },
  };
  return app;
}

/** Creates a record through the API as `agent`, expecting a 201. */
export async function createAs(agent: Agent, entity: EntityDef, body: Record<string, unknown>) {
  const response = await agent.call('POST', entity.route, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

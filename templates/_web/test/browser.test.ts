// A click-through in Chromium against the built app: sign up, create, edit, sign out (and be refused the
// page), sign in, delete; a second account in another workspace sees none of it; then axe-core on every
// page. Skipped, with the reason, where no Chromium or no build is found.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityList } from '../lib/entities';
import type { EntityDef, FieldDef } from '../lib/entity-types';

const root = join(import.meta.dirname, '..');
const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
/** What `npm run build` leaves behind: Next (reactnext) or Nitro (vuenuxt). */
const BUILD_MARKERS = ['.next/BUILD_ID', '.output/server/index.mjs'];

const chromiumPath = CHROMIUM_CANDIDATES.find(
  (path): path is string => Boolean(path) && existsSync(path as string),
);
const built = BUILD_MARKERS.some((marker) => existsSync(join(root, marker)));
const skipReason = !chromiumPath
  ? `no Chromium found (set CHROMIUM_PATH, or install one at ${CHROMIUM_CANDIDATES.slice(1).join(', ')})`
  : !built
    ? 'the app is not built; run `npm run build` first'
    : null;

// A loaded two-core machine: starting the server, a cold first render and axe all take their time.
const STARTUP_DEADLINE_MS = 90_000;
const TEST_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 30_000;
const AXE_PAGES_AT_ONCE = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A value each field's validation accepts, as a form input takes it (`stamp` keeps text unique). */
function inputText(field: FieldDef, stamp: string): string {
  const clamp = (n: number) => Math.min(Math.max(n, field.min ?? n), field.max ?? n);
  switch (field.type) {
    case 'integer':
      return String(Math.ceil(clamp(3)));
    case 'number':
      return String(clamp(2.5));
    case 'date':
      return '2026-01-02';
    case 'datetime':
      return '2026-01-02T03:04';
    case 'email':
      return `browser.${stamp}@example.com`;
    case 'url':
      return 'https://example.com/';
    case 'enum':
      return field.enumValues?.[0] ?? '';
    default:
      return `${field.label} ${stamp}`.slice(0, field.maxLength ?? 200);
  }
}

/** The same value as the JSON API takes it. */
function apiValue(field: FieldDef, stamp: string): unknown {
  if (field.type === 'boolean') return true;
  if (field.type === 'integer' || field.type === 'number') return Number(inputText(field, stamp));
  if (field.type === 'datetime') return new Date('2026-01-02T03:04:00Z').toISOString();
  return inputText(field, stamp);
}

const byName = (name: string | undefined) => entityList.find((entity) => entity.name === name);

describe.skipIf(skipReason !== null)('the app in a browser', () => {
  let app: ChildProcess | undefined;
  let output = '';
  let dataDir = '';
  let base = '';
  let browser: Browser | undefined;

  /** The session cookie of the browser context that signed up, so API calls act as that user. */
  let cookie = '';

  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Creates a record of `entity` through the API, first creating what its required references need. */
  async function createRecord(entity: EntityDef, depth = 0): Promise<{ id: number; _title: string }> {
    const stamp = `${Date.now().toString(36)}${depth}`;
    const body: Record<string, unknown> = {};
    for (const field of entity.fields) {
      if (field.type === 'reference') {
        const target = byName(field.references);
        if (field.required && target && depth < 5)
          body[field.name] = (await createRecord(target, depth + 1)).id;
      } else {
        body[field.name] = apiValue(field, stamp);
      }
    }
    const response = await api('POST', `/api/${entity.route}`, body);
    expect(response.status, `POST /api/${entity.route}: ${await response.clone().text()}`).toBe(201);
    return (await response.json()) as { id: number; _title: string };
  }

  async function waitForHealth(): Promise<void> {
    const deadline = Date.now() + STARTUP_DEADLINE_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (app && app.exitCode !== null)
        throw new Error(`the app exited (${app?.exitCode}) before it was healthy:\n${output}`);
      try {
        const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `/api/health was not 200 within ${STARTUP_DEADLINE_MS / 1000} s (last: ${last}):\n${output}`,
    );
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'app-browser-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      APP_DATA_DIR: dataDir,
      APP_SAMPLE_DATA: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
      NUXT_TELEMETRY_DISABLED: '1',
    };
    delete env.APP_DATABASE_URL;
    // Its own process group, so afterAll stops npm and the server under it together.
    app = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    app.stdout?.on('data', (chunk) => (output += chunk));
    app.stderr?.on('data', (chunk) => (output += chunk));
    // Chromium starts while the app does.
    const launched = chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    launched.catch(() => undefined);
    await waitForHealth();
    browser = await launched;
  }, STARTUP_DEADLINE_MS + 30_000);

  afterAll(async () => {
    for (const { context } of accounts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (app?.pid && app.exitCode === null) {
      const exited = new Promise((resolve) => app?.once('exit', resolve));
      try {
        process.kill(-app.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (app.exitCode === null) {
        try {
          process.kill(-app.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  const password = 'browser test password';
  const accounts: { email: string; context: BrowserContext }[] = [];

  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('the browser did not start');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    return context;
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  /** Signs up through the form, in a browser context of its own; the new account lands on the dashboard. */
  async function signUp(label: string): Promise<Page> {
    const context = await newContext();
    const email = `${label}.${Date.now().toString(36)}@example.com`;
    accounts.push({ email, context });
    const page = await context.newPage();
    await page.goto(`${base}/sign-up`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Workspace name', { exact: true }).fill(`${label} workspace`);
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
    await heading(page, 'Dashboard').waitFor();
    return page;
  }

  const sessionCookie = async (context: BrowserContext) =>
    (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

  let firstRecord = { path: '', title: '' };

  it(
    'signs up, creates and edits a record, signs out and is refused the page, signs in again and deletes it',
    async () => {
      const entity = entityList[0] as EntityDef;
      const titleField = entity.fields.find((field) => field.name === entity.titleField);
      const textual = titleField && ['string', 'text', 'email'].includes(titleField.type);
      const stamp = Date.now().toString(36);
      // A visitor reaches no data: a private page sends them to sign in.
      const visitor = await newContext();
      const peek = await visitor.newPage();
      await peek.goto(`${base}/${entity.route}`);
      await peek.waitForURL(/\/sign-in\?next=/);
      await heading(peek, 'Sign in').waitFor();
      await visitor.close();

      const page = await signUp('founder');
      try {
        cookie = await sessionCookie(page.context());
        // Every reference needs a record to choose, made through the API as the same user.
        const chosen = new Map<string, number>();
        for (const field of entity.fields) {
          const target = byName(field.references);
          if (field.type === 'reference' && target) {
            chosen.set(field.name, (await createRecord(target)).id);
          }
        }

        await page.goto(`${base}/${entity.route}/new`);
        await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
        for (const field of entity.fields) {
          const input = page.getByLabel(field.label, { exact: true });
          if (field.type === 'boolean') await input.check();
          else if (field.type === 'enum') await input.selectOption(inputText(field, stamp));
          else if (field.type === 'reference') {
            const id = chosen.get(field.name);
            if (id !== undefined) await input.selectOption(String(id));
          } else await input.fill(inputText(field, stamp));
        }
        const title = titleField && textual ? inputText(titleField, stamp) : undefined;
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(new RegExp(`/${entity.route}/\\d+$`));
        if (title) await heading(page, title).waitFor();
        else await page.getByRole('heading', { level: 1 }).waitFor();

        await page.getByRole('link', { name: 'Edit', exact: true }).click();
        await page.waitForURL(/\/edit$/);
        let shownTitle = title;
        if (titleField && textual) {
          shownTitle = `Edited ${stamp}`;
          if (titleField.type === 'email') shownTitle = `edited.${stamp}@example.com`;
          const input = page.getByLabel(titleField.label, { exact: true });
          await expect.poll(() => input.inputValue(), { timeout: STEP_TIMEOUT_MS }).not.toBe('');
          await input.fill(shownTitle);
        }
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.waitForURL(new RegExp(`/${entity.route}/\\d+$`));
        if (shownTitle) await heading(page, shownTitle).waitFor();
        const recordPath = new URL(page.url()).pathname;
        firstRecord = { path: recordPath, title: shownTitle ?? '' };

        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.waitForURL(/\/sign-in$/);
        await page.goto(`${base}${recordPath}`);
        await page.waitForURL(/\/sign-in\?next=/);
        await heading(page, 'Sign in').waitFor();
        if (shownTitle) expect(await page.content()).not.toContain(shownTitle);
        // The old cookie opens nothing either: the session ended on the server.
        expect((await api('GET', `/api${recordPath}`)).status).toBe(401);

        await page.getByLabel('Email', { exact: true }).fill(accounts[0]?.email ?? '');
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL(new RegExp(`${recordPath}$`));
        if (shownTitle) await heading(page, shownTitle).waitFor();
        cookie = await sessionCookie(page.context());

        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByRole('button', { name: 'Delete', exact: true }).click();
        await page.waitForURL(new RegExp(`/${entity.route}$`));
        await heading(page, entity.pluralLabel).waitFor();
        if (shownTitle) {
          await page.waitForLoadState('networkidle');
          const rows = page.getByRole('link', { name: shownTitle, exact: true });
          await expect.poll(() => rows.count(), { timeout: STEP_TIMEOUT_MS }).toBe(0);
        }
        // Kept for the next test: a record in this workspace that another workspace must not see.
        const kept = await createRecord(entity);
        firstRecord = { path: `/${entity.route}/${kept.id}`, title: kept._title };
      } finally {
        await page.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a second account in another workspace none of the first one\'s records',
    async () => {
      const entity = entityList[0] as EntityDef;
      expect(firstRecord.path).not.toBe('');
      const page = await signUp('rival');
      try {
        await page.goto(`${base}/${entity.route}`);
        await heading(page, entity.pluralLabel).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('link', { name: firstRecord.title, exact: true }).count()).toBe(0);
        await page.goto(`${base}${firstRecord.path}`);
        await page.waitForLoadState('networkidle');
        await expect.poll(async () => (await page.textContent('main')) ?? '', { timeout: STEP_TIMEOUT_MS }).toMatch(/not found/i);
        expect(await page.textContent('main')).not.toContain(firstRecord.title);
        const rival = await sessionCookie(page.context());
        const read = await fetch(`${base}/api${firstRecord.path}`, { headers: { cookie: rival } });
        expect(read.status).toBe(404);
      } finally {
        await page.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'has no serious or critical axe-core violation on any page',
    async () => {
      const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const paths = ['/', '/sign-in', '/sign-up', '/reset-password', '/dashboard', '/workspace'];
      for (const entity of entityList) {
        const record = await createRecord(entity);
        paths.push(`/${entity.route}`, `/${entity.route}/new`, `/${entity.route}/${record.id}`);
      }
      const founder = accounts[0]?.context ?? (await signUp('axe')).context();
      cookie = await sessionCookie(founder);
      const visitor = await newContext();
      const problems: string[] = [];
      const check = async (path: string) => {
        // The account pages as a visitor sees them (a signed-in user is sent on to the dashboard).
        const page = await (['/sign-in', '/sign-up', '/reset-password'].includes(path) ? visitor : founder).newPage();
        try {
          await page.goto(`${base}${path}`);
          await page.waitForLoadState('networkidle');
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.addScriptTag({ content: axeSource });
          // Only violations are read: axe then skips collecting every passing node.
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run: (context: Document, options: { resultTypes: string[] }) => Promise<AxeResults> };
              }
            ).axe;
            const results = await axe.run(document, { resultTypes: ['violations'] });
            return results.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              targets: v.nodes.slice(0, 5).map((node) => node.target.join(' ')),
            }));
          });
          for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
            problems.push(`${path}: [${v.impact}] ${v.id}: ${v.help} (${v.targets.join(', ')})`);
          }
        } finally {
          await page.close();
        }
      };
      try {
        // A few pages at a time: most of a page's time is waiting for its network to settle.
        const queue = [...paths];
        const worker = async () => {
          for (let path = queue.shift(); path !== undefined; path = queue.shift()) await check(path);
        };
        await Promise.all(Array.from({ length: AXE_PAGES_AT_ONCE }, worker));
      } finally {
        await visitor.close();
      }
      problems.sort();
      if (problems.length > 0) console.error(`axe-core found:\n${problems.join('\n')}`);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}

if (skipReason !== null) {
  describe('the app in a browser', () => {
    console.warn(`browser test skipped: ${skipReason}`);
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}

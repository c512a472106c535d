// A click-through in Chromium against the built app: create, edit and delete a record through the
// UI, then axe-core on every page. Skipped, with the reason, where no Chromium or no build is found.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
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

  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
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
    await waitForHealth();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  }, STARTUP_DEADLINE_MS + 30_000);

  afterAll(async () => {
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

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('the browser did not start');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  it(
    'creates, edits and deletes a record through the UI',
    async () => {
      const entity = entityList[0] as EntityDef;
      const titleField = entity.fields.find((field) => field.name === entity.titleField);
      const textual = titleField && ['string', 'text', 'email'].includes(titleField.type);
      const stamp = Date.now().toString(36);
      const page = await newPage();
      try {
        // The database starts empty: every reference needs a record to choose, made through the API.
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

        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByRole('button', { name: 'Delete', exact: true }).click();
        await page.waitForURL(new RegExp(`/${entity.route}$`));
        await heading(page, entity.pluralLabel).waitFor();
        if (shownTitle) {
          await page.waitForLoadState('networkidle');
          const rows = page.getByRole('link', { name: shownTitle, exact: true });
          await expect.poll(() => rows.count(), { timeout: STEP_TIMEOUT_MS }).toBe(0);
        }
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
      const paths = ['/', '/dashboard'];
      for (const entity of entityList) {
        const record = await createRecord(entity);
        paths.push(`/${entity.route}`, `/${entity.route}/new`, `/${entity.route}/${record.id}`);
      }
      const page = await newPage();
      const problems: string[] = [];
      try {
        for (const path of paths) {
          await page.goto(`${base}${path}`);
          await page.waitForLoadState('networkidle');
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } })
              .axe;
            const results = await axe.run(document);
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
        }
      } finally {
        await page.close();
      }
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

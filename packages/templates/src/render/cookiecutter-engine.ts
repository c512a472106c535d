import { execFile, spawn } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { InvalidConfigError, TemplateUnsupportedError, UnsafePathError } from '@startup-factory/contracts';
import { DRIVER } from './cookiecutter-driver';
import type {
  RenderEngine,
  RenderedDirectory,
  RenderedFile,
  RenderedProject,
  RenderOptions,
  RenderValues,
} from './engine';
import { checkHookInterpreters } from './hooks';
import { positionAt, type TemplateDefinition } from './template-definition';

const run = promisify(execFile);

export interface CookiecutterInstall {
  python: string;
  version: string;
}

/** The interpreter the `cookiecutter` command on PATH runs with (its `#!` line), then python3. */
async function candidatePythons(): Promise<string[]> {
  const fromEnv = process.env.FACTORY_COOKIECUTTER_PYTHON;
  const out: string[] = fromEnv ? [fromEnv] : [];
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const head = await readFile(join(dir, 'cookiecutter'), 'utf8').then(
      (text) => text.slice(0, 200),
      () => null,
    );
    const shebang = head?.match(/^#!\s*(\S+)(?:\s+(\S+))?/);
    if (shebang?.[1]) {
      out.push(shebang[1].endsWith('/env') && shebang[2] ? shebang[2] : shebang[1]);
      break;
    }
  }
  return [...new Set([...out, 'python3'])];
}

let probed: Promise<CookiecutterInstall | null> | undefined;

/** Python's cookiecutter package, when some python3 can import it; probed once per process. */
export function findCookiecutter(): Promise<CookiecutterInstall | null> {
  probed ??= (async () => {
    for (const python of await candidatePythons()) {
      try {
        const { stdout } = await run(python, ['-c', 'import cookiecutter; print(cookiecutter.__version__)'], {
          timeout: 60_000,
        });
        return { python, version: stdout.trim() };
      } catch {
        // Not this interpreter; try the next.
      }
    }
    return null;
  })();
  return probed;
}

interface DriverResult {
  ok: boolean;
  kind?: string;
  message?: string;
  file?: string | null;
  line?: number | null;
  /** The cookiecutter.json value being rendered when a default failed. */
  raw?: string | null;
  project_dir?: string;
  context?: Record<string, unknown>;
}

function runDriver(python: string, request: object, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', DRIVER], {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: driverEnv(),
      // Its own process group, so a timeout also stops the hooks it started.
      detached: true,
    });
    let stderr = '';
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal)
        reject(
          new Error(`cookiecutter was stopped (${signal}) after ${timeoutMs} ms: ${stderr.slice(-500)}`),
        );
      else if (code !== 0)
        reject(new Error(`cookiecutter's driver exited with ${code}: ${stderr.slice(-500)}`));
      else resolve(stderr);
    });
    child.stdin.end(JSON.stringify(request));
  });
}

/**
 * The caller's environment (hooks may need HOME, git's config, PATH); cookiecutter's own config,
 * replay and repository folders come from the private config file instead of ~/.cookiecutterrc.
 */
function driverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.COOKIECUTTER_CONFIG;
  return env;
}

/** Reads a rendered folder back: files with their bytes and modes, every folder (empty ones too). */
async function readTree(root: string): Promise<{ files: RenderedFile[]; directories: RenderedDirectory[] }> {
  const files: RenderedFile[] = [];
  const directories: RenderedDirectory[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(root, full).split('\\').join('/');
      const info = await lstat(full);
      if (info.isSymbolicLink()) {
        throw new UnsafePathError({
          message: `the rendered project holds a symbolic link at ${path}; the factory writes no links, remove it from the template or its hook`,
        });
      }
      if (info.isDirectory()) {
        directories.push({ path, mode: info.mode & 0o7777 });
        await walk(full);
      } else if (info.isFile()) {
        files.push({ path, content: await readFile(full), mode: info.mode & 0o7777 });
      }
    }
  }
  await walk(root);
  return { files, directories };
}

/** The cookiecutter.json key whose default is `raw`, searched through dict values too. */
function keyOf(raw: string, record: Record<string, unknown>, prefix = ''): string | null {
  for (const [key, value] of Object.entries(record)) {
    if (value === raw || (Array.isArray(value) && value.includes(raw))) return `${prefix}${key}`;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = keyOf(raw, value as Record<string, unknown>, `${prefix}${key}.`);
      if (inner) return inner;
    }
  }
  return null;
}

function refusal(template: TemplateDefinition, rootReal: string, result: DriverResult, log: string): Error {
  const message = (result.message ?? 'unknown error').replace(/\s+/g, ' ').trim().slice(0, 600);
  const key = result.raw ? keyOf(result.raw, template.raw) : null;
  if (key) {
    const offset = template.rawText.indexOf(JSON.stringify(key.split('.').pop()));
    const line = offset >= 0 ? positionAt(template.rawText, offset).line : undefined;
    return new TemplateUnsupportedError({
      file: 'cookiecutter.json',
      ...(line ? { line } : {}),
      construct: `default of ${key}`,
      message: `Template ${template.name}: the default of ${key} in cookiecutter.json${line ? ` (line ${line})` : ''} does not render in cookiecutter (${result.kind}: ${message}); nothing was written. Fix that default.`,
    });
  }
  const inTemplate = result.file && result.file !== '<template>' ? relative(rootReal, result.file) : null;
  const where = inTemplate && !inTemplate.startsWith('..') ? inTemplate : (result.file ?? template.name);
  const at = result.line ? `${where}, line ${result.line}` : where;
  if (result.kind === 'unsafe') return new UnsafePathError({ message: `${template.name}: ${message}` });
  if (result.kind === 'FailedHookException') {
    const output = log.trim().split('\n').slice(-5).join(' | ').slice(0, 600);
    return new InvalidConfigError({
      message: `Template ${template.name}: a hook failed, so nothing was written (${message}${output ? `; hook output: ${output}` : ''}). Fix the template's hooks/.`,
    });
  }
  return new TemplateUnsupportedError({
    file: where,
    ...(result.line ? { line: result.line } : {}),
    construct: result.kind ?? 'error',
    message: `Template ${template.name} does not render in cookiecutter (${at}: ${result.kind}: ${message}); nothing was written. Fix the template at that place.`,
  });
}

/** Renders with Python's cookiecutter into a private folder, then holds the result in memory. */
export class CookiecutterEngine implements RenderEngine {
  readonly name = 'cookiecutter' as const;

  constructor(
    private readonly install: CookiecutterInstall,
    private readonly timeoutMs: number,
  ) {}

  async render(
    template: TemplateDefinition,
    values: RenderValues,
    { runHooks = true }: RenderOptions = {},
  ): Promise<RenderedProject> {
    if (runHooks) await checkHookInterpreters(template.root, template.name);
    const work = await mkdtemp(join(tmpdir(), 'sf-cookiecutter-'));
    const rootReal = await realpath(template.root);
    try {
      const request = {
        template: rootReal,
        extra_context: { ...values.extra, ...values.data },
        literal_keys: Object.keys(values.data).filter((k) => !Array.isArray(template.raw[k])),
        output_dir: join(work, 'out'),
        config_file: join(work, 'config.yaml'),
        replay_dir: join(work, 'replay'),
        run_hooks: runHooks,
        result: join(work, 'result.json'),
      };
      // JSON is YAML: cookiecutter's own folders stay inside the work folder.
      await writeFile(
        request.config_file,
        JSON.stringify({ replay_dir: request.replay_dir, cookiecutters_dir: join(work, 'repos') }),
      );
      const log = await runDriver(this.install.python, request, this.timeoutMs);
      const result = JSON.parse(await readFile(request.result, 'utf8')) as DriverResult;
      if (!result.ok || !result.project_dir) throw refusal(template, rootReal, result, log);
      const outside = (await readdir(request.output_dir)).filter((n) => n !== basename(result.project_dir!));
      if (outside.length > 0) {
        throw new UnsafePathError({
          message: `Template ${template.name} wrote ${outside.join(', ')} beside its project folder; a template may only write inside it`,
        });
      }
      const tree = await readTree(result.project_dir);
      return {
        folderName: basename(result.project_dir),
        ...tree,
        context: result.context ?? {},
        engine: this.name,
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

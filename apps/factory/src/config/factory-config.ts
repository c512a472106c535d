import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { DEFAULTS, InvalidConfigError, parseInput } from '@startup-factory/contracts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { HOST_PATTERN } from '../http/allowed-hosts';

const PortRange = z
  .object({ start: z.number().int().min(1024).max(65_535), end: z.number().int().min(1024).max(65_535) })
  .strict()
  .refine((r) => r.end >= r.start, { message: 'end must not be below start', path: ['end'] });

const TimeoutMs = z.number().int().min(100).max(600_000);
const Attempts = z.number().int().min(1).max(10);

/** How one AI provider is called; unset fields take the `ai` defaults. Keys stay in the environment. */
const AIProviderConfig = z
  .object({
    /** Model id; default from the table of current models (ai-coordination's DEFAULT_MODELS). */
    model: z.string().min(1).optional(),
    /** An OpenAI- or Anthropic-compatible server instead of the vendor's. */
    baseUrl: z.string().url().optional(),
    timeoutMs: TimeoutMs.optional(),
    /** Calls a task makes to this provider at most. */
    attempts: Attempts.optional(),
    stream: z.boolean().optional(),
  })
  .strict();

const AI_PROVIDERS = ['openai', 'anthropic', 'perplexity'] as const;

/** The AI pipeline: retries, timeouts, streaming, and whether offline drafts may stand in. */
const AIConfig = z
  .object({
    /**
     * When every configured provider fails a task, draft it offline (marked as drafted offline)
     * instead of failing it. Off by default: the task fails with ALL_PROVIDERS_FAILED.
     */
    offlineFallback: z.boolean().default(false),
    /** Calls per task to its first provider; each fallback provider gets at least one more. */
    attempts: Attempts.default(3),
    /** Per call, the whole answer included. */
    timeoutMs: TimeoutMs.default(60_000),
    stream: z.boolean().default(false),
    /**
     * A configured provider that grades every schema-valid answer 0..1 (one more call per answer,
     * within the quota); quality is then half its grade, half the heuristics. Off by default.
     */
    judge: z.enum(AI_PROVIDERS).optional(),
    providers: z
      .object(
        Object.fromEntries(AI_PROVIDERS.map((name) => [name, AIProviderConfig.optional()])) as {
          [K in (typeof AI_PROVIDERS)[number]]: z.ZodOptional<typeof AIProviderConfig>;
        },
      )
      .strict()
      .default({}),
  })
  .strict();

/** Everything the host needs; absent fields mean the embedded default. */
export const FactoryConfig = z
  .object({
    dataDir: z.string().min(1).default('.factory'),
    /** A folder of the user's own cookiecutter templates, listed beside (and before) the shipped ones. */
    templatesDir: z.string().min(1).optional(),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    maxConcurrentStartups: z.number().int().min(1).max(1000).default(DEFAULTS.maxConcurrentStartups),
    portRange: PortRange.default({ start: DEFAULTS.portRangeStart, end: DEFAULTS.portRangeEnd }),
    taskConcurrency: z.number().int().min(1).max(1000).default(DEFAULTS.taskConcurrency),
    /**
     * Budgets the allocator admits against. Memory defaults to what the host (or its cgroup) has;
     * CPU to the host's cores, but never less than the concurrency limit times the largest request a
     * template declares, since CPU time is shared and the plan's five startups must fit on two cores.
     */
    resources: z
      .object({
        totalMemoryMb: z.number().int().min(64).optional(),
        totalCpuCores: z.number().min(0.1).optional(),
        totalStorageGb: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    /** Distributed mode: run queued AI tasks in this process too (false: only `factory worker`s do). */
    runTasks: z.boolean().default(true),
    /** Keeps factories sharing one Redis apart: BullMQ key prefix and event channel. */
    namespace: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and -')
      .default('startup-factory'),
    /** How long a worker holds a task before others may take it over (a dead worker's tasks wait this long). */
    queueLockMs: z.number().int().min(1000).max(600_000).default(30_000),
    /**
     * How long a running startup stays this process's without a heartbeat (renewed every third of
     * it): another process may resume it only once the lease expired or its holder is gone.
     */
    leaseMs: z.number().int().min(1000).max(600_000).default(30_000),
    /**
     * How long a run may go without progress (an event of its startup, a validation step) and keep
     * its lease: past it the lease is no longer renewed, so another process may take the run over.
     */
    runStallMs: z.number().int().min(1000).max(3_600_000).default(600_000),
    ai: AIConfig.default({
      offlineFallback: false,
      attempts: 3,
      timeoutMs: 60_000,
      stream: false,
      providers: {},
    }),
    /** Install, build, test and health-check each generated project (the validation phase). */
    validateProjects: z.boolean().default(true),
    /**
     * How the validation phase installs a project's dependencies: pnpm (bundled with the factory)
     * from one content-addressed store every generated project shares, or npm.
     */
    packageManager: z.enum(['pnpm', 'npm']).default('pnpm'),
    /** The shared package store (pnpm's store and metadata cache); default `<dataDir>/package-store`. */
    packageStoreDir: z.string().min(1).optional(),
    http: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(4310),
        /** Required when host is not loopback. */
        token: z.string().min(16).optional(),
        /**
         * Names (`host` or `host:port`) the server answers to besides loopback and its own
         * addresses, such as a reverse proxy's; any other Host header is refused (DNS rebinding).
         */
        allowedHosts: z
          .array(z.string().regex(HOST_PATTERN, 'must be a host name or host:port, such as factory.lan:8443'))
          .optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 4310 }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const loopback = ['127.0.0.1', 'localhost', '::1'].includes(config.http.host);
    if (!loopback && !config.http.token) {
      ctx.addIssue({
        code: 'custom',
        path: ['http', 'token'],
        message: `binding to ${config.http.host} needs a bearer token (FACTORY_API_TOKEN, 16+ characters)`,
      });
    }
  });
export type FactoryConfig = z.infer<typeof FactoryConfig>;
export type FactoryConfigInput = z.input<typeof FactoryConfig>;

const CONFIG_FILES = ['factory.config.json', 'factory.config.yaml', 'factory.config.yml'];

function readConfigFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidConfigError({
      message: `Config file ${path} is not valid ${extname(path).slice(1).toUpperCase()}: ${(error as Error).message}`,
    });
  }
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new InvalidConfigError({ message: `${name} must be an integer, got ${JSON.stringify(value)}.` });
  return n;
}

const flag = (value: string) => !['0', 'false', 'no'].includes(value.trim().toLowerCase());

/** The `ai` settings from FACTORY_AI_* (FACTORY_AI_JUDGE included), FACTORY_OFFLINE_FALLBACK and `<PROVIDER>_MODEL|BASE_URL|TIMEOUT_MS|ATTEMPTS|STREAM`. */
function aiFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const ai: Record<string, unknown> = {};
  if (env.FACTORY_OFFLINE_FALLBACK) ai.offlineFallback = flag(env.FACTORY_OFFLINE_FALLBACK);
  const attempts = integer(env.FACTORY_AI_ATTEMPTS, 'FACTORY_AI_ATTEMPTS');
  if (attempts !== undefined) ai.attempts = attempts;
  const timeout = integer(env.FACTORY_AI_TIMEOUT_MS, 'FACTORY_AI_TIMEOUT_MS');
  if (timeout !== undefined) ai.timeoutMs = timeout;
  if (env.FACTORY_AI_STREAM) ai.stream = flag(env.FACTORY_AI_STREAM);
  if (env.FACTORY_AI_JUDGE) ai.judge = env.FACTORY_AI_JUDGE;
  const providers: Record<string, unknown> = {};
  for (const name of AI_PROVIDERS) {
    const prefix = name.toUpperCase();
    const one: Record<string, unknown> = {};
    if (env[`${prefix}_MODEL`]) one.model = env[`${prefix}_MODEL`];
    if (env[`${prefix}_BASE_URL`]) one.baseUrl = env[`${prefix}_BASE_URL`];
    const ms = integer(env[`${prefix}_TIMEOUT_MS`], `${prefix}_TIMEOUT_MS`);
    if (ms !== undefined) one.timeoutMs = ms;
    const tries = integer(env[`${prefix}_ATTEMPTS`], `${prefix}_ATTEMPTS`);
    if (tries !== undefined) one.attempts = tries;
    const stream = env[`${prefix}_STREAM`];
    if (stream) one.stream = flag(stream);
    if (Object.keys(one).length > 0) providers[name] = one;
  }
  if (Object.keys(providers).length > 0) ai.providers = providers;
  return ai;
}

/** Settings from environment variables; only those that are set. */
function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const http: Record<string, unknown> = {};
  const ai = aiFromEnv(env);
  if (Object.keys(ai).length > 0) out.ai = ai;
  if (env.FACTORY_DATA_DIR) out.dataDir = env.FACTORY_DATA_DIR;
  if (env.FACTORY_TEMPLATES_DIR) out.templatesDir = env.FACTORY_TEMPLATES_DIR;
  if (env.DATABASE_URL) out.databaseUrl = env.DATABASE_URL;
  if (env.REDIS_URL) out.redisUrl = env.REDIS_URL;
  const max = integer(env.FACTORY_MAX_CONCURRENT, 'FACTORY_MAX_CONCURRENT');
  if (max !== undefined) out.maxConcurrentStartups = max;
  const concurrency = integer(env.FACTORY_TASK_CONCURRENCY, 'FACTORY_TASK_CONCURRENCY');
  if (concurrency !== undefined) out.taskConcurrency = concurrency;
  if (env.FACTORY_PORT_RANGE) {
    const match = /^(\d+)-(\d+)$/.exec(env.FACTORY_PORT_RANGE);
    if (!match) throw new InvalidConfigError({ message: 'FACTORY_PORT_RANGE must look like 3000-3099.' });
    out.portRange = { start: Number(match[1]), end: Number(match[2]) };
  }
  if (env.FACTORY_RUN_TASKS) out.runTasks = !['0', 'false', 'no'].includes(env.FACTORY_RUN_TASKS);
  if (env.FACTORY_NAMESPACE) out.namespace = env.FACTORY_NAMESPACE;
  const lock = integer(env.FACTORY_QUEUE_LOCK_MS, 'FACTORY_QUEUE_LOCK_MS');
  if (lock !== undefined) out.queueLockMs = lock;
  const lease = integer(env.FACTORY_LEASE_MS, 'FACTORY_LEASE_MS');
  if (lease !== undefined) out.leaseMs = lease;
  const stall = integer(env.FACTORY_RUN_STALL_MS, 'FACTORY_RUN_STALL_MS');
  if (stall !== undefined) out.runStallMs = stall;
  if (env.FACTORY_VALIDATE_PROJECTS)
    out.validateProjects = !['0', 'false', 'no'].includes(env.FACTORY_VALIDATE_PROJECTS);
  if (env.FACTORY_PACKAGE_MANAGER) out.packageManager = env.FACTORY_PACKAGE_MANAGER;
  if (env.FACTORY_PACKAGE_STORE) out.packageStoreDir = env.FACTORY_PACKAGE_STORE;
  if (env.FACTORY_HTTP_HOST) http.host = env.FACTORY_HTTP_HOST;
  const port = integer(env.FACTORY_HTTP_PORT, 'FACTORY_HTTP_PORT');
  if (port !== undefined) http.port = port;
  if (env.FACTORY_API_TOKEN) http.token = env.FACTORY_API_TOKEN;
  if (env.FACTORY_ALLOWED_HOSTS)
    http.allowedHosts = env.FACTORY_ALLOWED_HOSTS.split(/[\s,]+/).filter(Boolean);
  if (Object.keys(http).length > 0) out.http = http;
  return out;
}

/**
 * Config from an optional file (`--config`, else factory.config.{json,yaml} in `cwd`), overlaid by
 * environment variables, validated. Nothing set gives the embedded default.
 */
export function loadConfig({
  env = process.env,
  cwd = process.cwd(),
  file,
}: {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  file?: string;
} = {}): FactoryConfig {
  const path = file
    ? resolve(cwd, file)
    : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (file && !existsSync(path!))
    throw new InvalidConfigError({ message: `Config file ${path} does not exist.` });
  const fromFile = (path ? readConfigFile(path) : {}) as Record<string, unknown>;
  const envPart = fromEnv(env);
  const merged = {
    ...fromFile,
    ...envPart,
    http: { ...(fromFile.http as object | undefined), ...(envPart.http as object | undefined) },
    ...(fromFile.ai || envPart.ai ? { ai: mergeAI(fromFile.ai, envPart.ai) } : {}),
  };
  const config = parseInput(FactoryConfig, merged, 'factory configuration');
  return {
    ...config,
    dataDir: resolve(cwd, config.dataDir),
    ...(config.packageStoreDir ? { packageStoreDir: resolve(cwd, config.packageStoreDir) } : {}),
    ...(config.templatesDir ? { templatesDir: resolve(cwd, config.templatesDir) } : {}),
  };
}

/** The file's `ai` overlaid by the environment's, provider by provider. */
function mergeAI(file: unknown, env: unknown): Record<string, unknown> {
  const f = (file ?? {}) as Record<string, unknown>;
  const e = (env ?? {}) as Record<string, unknown>;
  if (typeof f !== 'object' || Array.isArray(f)) return f;
  const fp = (f.providers ?? {}) as Record<string, unknown>;
  const ep = (e.providers ?? {}) as Record<string, unknown>;
  const providers =
    typeof fp === 'object' && !Array.isArray(fp)
      ? Object.fromEntries(
          [...new Set([...Object.keys(fp), ...Object.keys(ep)])].map((name) => [
            name,
            { ...(fp[name] as object | undefined), ...(ep[name] as object | undefined) },
          ]),
        )
      : fp;
  return { ...f, ...e, ...(f.providers || e.providers ? { providers } : {}) };
}

/** The runtime mode a config selects, named for what is actually shared between processes. */
export type RuntimeMode =
  | 'embedded'
  | 'shared store, in-process queue'
  | 'embedded store, shared queue'
  | 'distributed';

/** Which back ends a config selects. */
export function describeMode(config: FactoryConfig): {
  mode: RuntimeMode;
  state: string;
  queue: string;
} {
  const mode: RuntimeMode =
    config.databaseUrl && config.redisUrl
      ? 'distributed'
      : config.databaseUrl
        ? 'shared store, in-process queue'
        : config.redisUrl
          ? 'embedded store, shared queue'
          : 'embedded';
  return {
    mode,
    state: config.databaseUrl ? 'postgresql' : 'pglite',
    queue: config.redisUrl ? 'bullmq' : 'in-process',
  };
}

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { hasErrorCode, InvalidConfigError, parseInput, StartupConfig } from '@startup-factory/contracts';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { Factory } from '../factory';
import type { StartupSummary } from '../startup-summary';
import { EXIT, exitCodeForStartup } from './exit-codes';
import { emit, startupDetails } from './output';
import { ProgressDisplay } from './progress-display';
import { type GlobalOptions, reportError, withFactory } from './run-action';

export interface CreateOptions {
  name?: string;
  industry?: string;
  category?: string;
  template?: string;
  description?: string;
  approve?: boolean;
  file?: string;
  batch?: string;
  extra: string[];
  wait: boolean;
}

/** `--extra key=value` pairs as the startup's templateVariables (cookiecutter's extra_context). */
function extraContext(pairs: string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new InvalidConfigError({
        message: `--extra ${JSON.stringify(pair)} must look like key=value, e.g. --extra license=MIT.`,
      });
    }
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidConfigError({ message: `Cannot read ${path}; check the path.` });
  }
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidConfigError({
      message: `${path} is not valid JSON or YAML: ${(error as Error).message}`,
    });
  }
}

/**
 * Every startup config from flags, --file or --batch, parsed strictly (unknown keys refused): bad
 * input fails here, before any data folder or store is opened.
 */
function parseConfigs(options: CreateOptions): StartupConfig[] {
  const configs = configsFrom(options);
  return configs.map((config, i) =>
    parseInput(
      StartupConfig,
      config,
      configs.length > 1 ? `startup #${i + 1} of ${options.batch}` : 'startup config',
    ),
  );
}

export function configsFrom(options: CreateOptions): unknown[] {
  if (options.batch) {
    const data = readDataFile(options.batch) as unknown;
    const list = Array.isArray(data) ? data : (data as { startups?: unknown[] } | null)?.startups;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidConfigError({
        message: `${options.batch} must hold a list of startups (or { startups: [...] }).`,
      });
    }
    return list;
  }
  const fromFile = options.file ? (readDataFile(options.file) as Record<string, unknown>) : {};
  const flags = Object.fromEntries(
    Object.entries({
      name: options.name,
      industry: options.industry,
      category: options.category,
      template: options.template,
      description: options.description,
      approvalRequired: options.approve,
      templateVariables: extraContext(options.extra),
    }).filter(([, v]) => v !== undefined),
  );
  return [{ ...fromFile, ...flags }];
}

/**
 * Creates every startup, waiting for a free slot when the concurrency limit refuses one (unless
 * --no-wait), and shows live progress until each pipeline stops.
 */
async function createAll(
  factory: Factory,
  configs: unknown[],
  options: CreateOptions & GlobalOptions,
): Promise<StartupSummary[]> {
  // Progress goes to stderr, so --json output on stdout stays machine-readable.
  const progress = new ProgressDisplay(process.stderr);
  progress.attach(factory);
  const waits: Promise<StartupSummary>[] = [];
  // Pipelines of this batch still running: only they can free a slot for a startup that waits.
  const running = new Set<Promise<StartupSummary>>();
  try {
    for (const config of configs) {
      for (;;) {
        try {
          const created = await factory.create(config);
          progress.track(created.id, created.slug);
          const wait = factory.waitFor(created.id);
          waits.push(wait);
          running.add(wait);
          void wait.finally(() => running.delete(wait)).catch(() => {});
          break;
        } catch (error) {
          if (!options.wait || !hasErrorCode(error, 'CONCURRENCY_LIMIT') || running.size === 0) throw error;
          await Promise.race(running).catch(() => {});
        }
      }
    }
    return await Promise.all(waits);
  } catch (error) {
    // The factory closes next; startups already created finish or stop there, not here.
    for (const wait of waits) wait.catch(() => {});
    throw error;
  } finally {
    await progress.detach();
  }
}

export function registerCreate(program: Command): void {
  program
    .command('create')
    .description(
      'create startups and run their pipelines (flags, --file startup.yaml, or --batch startups.yaml)',
    )
    .option('--name <name>', 'startup name')
    .option('--industry <industry>', 'industry, e.g. "Health"')
    .option('--category <category>', 'category, e.g. "B2B SaaS"')
    .option('--template <template>', 'project template (see `factory templates`)')
    .option('--description <text>', 'the idea in a sentence or two')
    .option('--approve', 'stop after the MVP spec and the architecture until approved')
    .option('--file <path>', 'one startup from a YAML or JSON file')
    .option('--batch <path>', 'several startups from a YAML or JSON list')
    .option(
      '--extra <key=value>',
      "set a template variable (a cookiecutter.json key), as cookiecutter's extra_context; repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--no-wait', 'refuse startups over the concurrency limit instead of waiting for a slot')
    .action(async (options: CreateOptions) => {
      const global = program.opts<GlobalOptions>();
      let configs: StartupConfig[];
      try {
        configs = parseConfigs(options);
      } catch (error) {
        reportError(error, global.verbose);
        return;
      }
      await withFactory(global, async (factory) => {
        const results = await createAll(factory, configs, { ...global, ...options });
        emit(global.json === true, options.batch ? results : results[0], () =>
          results.map(startupDetails).join('\n\n'),
        );
        // A batch exits as its first failed startup does.
        return results.map(exitCodeForStartup).find((code) => code !== EXIT.ok) ?? EXIT.ok;
      });
    });
}

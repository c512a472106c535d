import { hasErrorCode } from '@startup-factory/contracts';
import { BullMqTaskQueue, probePostgres, probeRedis, redactUrl } from '@startup-factory/core';
import type { Command } from 'commander';
import { describeMode, type FactoryConfig, loadConfig } from '../config/factory-config';
import { createFactory } from '../create-factory';
import { describeWriter } from '../data-dir-lock';
import type { Factory } from '../factory';
import { withDeadline } from '../readiness';
import { EXIT } from './exit-codes';
import { emit } from './output';
import { type GlobalOptions, reportError } from './run-action';

/** How long any one check may take; a back end that has not answered by then is reported, not awaited. */
export const DOCTOR_CHECK_MS = 5_000;
/** Opening the factory (migrations included) gets longer than one check. */
const OPEN_MS = 20_000;

export type CheckState = 'ok' | 'warn' | 'fail' | 'skipped';
export interface DoctorCheck {
  name: string;
  state: CheckState;
  detail: string;
}

const LABEL: Record<CheckState, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

/** What a failed check says: a FactoryError's message already names the back end and what to do. */
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run(name: string, probe: () => Promise<string | { warn: string }>): Promise<DoctorCheck> {
  try {
    const outcome = await withDeadline(DOCTOR_CHECK_MS, name, probe);
    return typeof outcome === 'string'
      ? { name, state: 'ok', detail: outcome }
      : { name, state: 'warn', detail: outcome.warn };
  } catch (error) {
    // Outage errors already start with the back end's name ("redis: unreachable at …").
    const reason = reasonOf(error);
    return {
      name,
      state: 'fail',
      detail: reason.startsWith(`${name}: `) ? reason.slice(name.length + 2) : reason,
    };
  }
}

/** The back ends themselves, each probed on its own connection with a deadline and no retries. */
async function backEndChecks(config: FactoryConfig): Promise<DoctorCheck[]> {
  return Promise.all([
    config.databaseUrl
      ? run('postgres', async () => {
          await probePostgres(config.databaseUrl as string, DOCTOR_CHECK_MS);
          return redactUrl(config.databaseUrl as string);
        })
      : Promise.resolve<DoctorCheck>({
          name: 'state',
          state: 'ok',
          detail: `pglite in ${config.dataDir}/db`,
        }),
    ...(config.redisUrl
      ? [
          run('redis', async () => {
            await probeRedis(config.redisUrl as string, DOCTOR_CHECK_MS);
            return redactUrl(config.redisUrl as string);
          }),
        ]
      : []),
  ]);
}

/** Checks that need the composed factory: the store answers, workers listen, templates and providers. */
async function factoryChecks(factory: Factory): Promise<DoctorCheck[]> {
  const config = factory.config;
  const { store, queue, coordinator } = factory.parts;
  const checks = [
    await run('store', async () => {
      await store.listEvents({ limit: 1 });
      return 'reads and migrations ok';
    }),
    await run('queue', async () => {
      await queue.list({ state: 'running' });
      if (!(queue instanceof BullMqTaskQueue)) return `in-process, concurrency ${config.taskConcurrency}`;
      const workers = await queue.workerCount();
      if (workers > 0) return `${workers} worker(s) consume the queue`;
      return {
        warn: 'no worker consumes the queue: queued tasks wait until `factory worker` (or `factory serve` with FACTORY_RUN_TASKS on) runs',
      };
    }),
    await run('data folder writer', async () => describeWriter(factory.parts)),
    await run('templates', async () => (await factory.templates()).map((t) => t.name).join(', ')),
    await run('AI providers', async () => {
      const providers = coordinator.availableProviders();
      if (providers.length === 0) throw new Error('none available');
      return providers.join(', ');
    }),
  ];
  return checks;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('say which mode and back ends are in use and check that each answers')
    .action(async () => {
      const global = program.opts<GlobalOptions>();
      let factory: Factory | undefined;
      try {
        const config = loadConfig(global.config ? { file: global.config } : {});
        const mode = describeMode(config);
        const checks = await backEndChecks(config);
        if (checks.every((c) => c.state !== 'fail')) {
          // This process runs no worker, so the worker count below is other processes'.
          const opened = await withDeadline(OPEN_MS, 'opening the factory', () =>
            createFactory(config, { workers: false, holder: 'factory doctor' }),
          ).then(
            (f) => f,
            (error: unknown) => error,
          );
          // Another process writes the embedded data folder: say who, with its own exit code (7).
          if (hasErrorCode(opened, 'DATA_DIR_LOCKED')) throw opened;
          if (opened instanceof Error || !opened) {
            checks.push({ name: 'factory', state: 'fail', detail: reasonOf(opened) });
            // An open still in flight holds connections we cannot close: end once the report is out.
            setTimeout(() => process.exit(), 1_000);
          } else {
            factory = opened as Factory;
            checks.push(...(await factoryChecks(factory)));
          }
        } else {
          checks.push({ name: 'factory', state: 'skipped', detail: 'needs the back ends above' });
        }
        const report = { mode: mode.mode, state: mode.state, queue: mode.queue, checks };
        emit(global.json === true, report, () =>
          [`mode: ${mode.mode}`, ...checks.map((c) => `${LABEL[c.state]} ${c.name}: ${c.detail}`)].join('\n'),
        );
        process.exitCode = checks.some((c) => c.state === 'fail') ? EXIT.unavailable : EXIT.ok;
      } catch (error) {
        reportError(error, global.verbose);
      } finally {
        await factory?.close().catch((error: unknown) => reportError(error, global.verbose));
      }
    });
}

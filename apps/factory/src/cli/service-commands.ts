import { isIP } from 'node:net';
import { InvalidConfigError } from '@startup-factory/contracts';
import { BullMqTaskQueue } from '@startup-factory/core';
import { createMetrics, deployedApps, recordDeployedUsage } from '@startup-factory/production';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { loadConfig } from '../config/factory-config';
import type { Factory } from '../factory';
import { buildHttpServer } from '../http/http-server';
import { createLogger, logDependencyChanges, logEvents } from '../logging';

import { EXIT } from './exit-codes';
import { type GlobalOptions, intOption, withFactory } from './run-action';

/** The AI coordinator's warnings as log lines. */
const aiLog =
  (logger: Logger) =>
  ({ level, message }: { level: 'info' | 'warn'; message: string }) =>
    logger[level]({ component: 'ai' }, message);

/** Resolves on SIGINT or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * A `serve` that runs no tasks itself on a queue no worker listens to would queue work forever:
 * say so once at start (the `doctor` queue check says the same).
 */
async function warnWithoutWorkers(factory: Factory, logger: Logger): Promise<void> {
  const { queue } = factory.parts;
  if (!(queue instanceof BullMqTaskQueue) || factory.config.runTasks) return;
  const workers = await queue.workerCount().catch(() => 0);
  if (workers === 0) {
    const message =
      'no worker consumes the queue: tasks wait until `factory worker` runs (or set FACTORY_RUN_TASKS=true)';
    logger.warn({ component: 'queue', workers }, message);
    process.stderr.write(`factory: warning: ${message}\n`);
  }
}

export function registerServiceCommands(program: Command): void {
  const global = () => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('serve the HTTP API (and run pipelines) until interrupted')
    .option('--host <host>', 'address to bind (default 127.0.0.1; others need FACTORY_API_TOKEN)')
    .option('--port <port>', 'port to bind (default 4310)', intOption('--port'))
    .option(
      '--allowed-host <host>',
      'another name the server answers to, such as a reverse proxy (repeatable; FACTORY_ALLOWED_HOSTS)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (options: { host?: string; port?: number; allowedHost: string[] }) => {
      const logger = createLogger();
      await withFactory({ ...global(), log: aiLog(logger) }, async (factory) => {
        const host = options.host ?? factory.config.http.host;
        const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
        if (!loopback && !factory.config.http.token) {
          throw new InvalidConfigError({
            message: `Binding to ${host} needs a bearer token: set FACTORY_API_TOKEN (16+ characters).`,
          });
        }
        await factory.warmUp();
        const { store, bus, manager } = factory.parts;
        const metrics = createMetrics({ store, bus, manager });
        // Memory and CPU of the apps `factory deploy` runs, read from their process groups.
        const sampleApps = () => recordDeployedUsage(metrics.gauges, deployedApps(factory.config.dataDir));
        sampleApps();
        const sampler = setInterval(sampleApps, 5_000);
        sampler.unref();
        const token = factory.config.http.token;
        const stopLogging = logEvents(bus, logger);
        const stopOutageLog = logDependencyChanges(factory.parts.monitor, logger);
        // One line per failed or stalled run, with the reason `show` lists as its error.
        const stopFailureLog = factory.onRunFailure((failure) => logger.error(failure, 'run.failed'));
        await warnWithoutWorkers(factory, logger);
        // Validation steps are not events on the bus; `serve` runs pipelines, so it logs them here.
        const stopStepLog = factory.onValidationStep((progress) => {
          if (progress.state !== 'finished') return;
          const { step } = progress;
          logger[step.ok ? 'info' : 'warn']({ startupId: progress.startupId, step }, 'validation.step');
        });
        // A name given to bind to is one the operator reaches the server by; addresses are allowed anyway.
        const allowedHosts = [
          ...(factory.config.http.allowedHosts ?? []),
          ...options.allowedHost,
          ...(isIP(host) === 0 && host !== 'localhost' ? [host] : []),
        ];
        const server = buildHttpServer(factory, {
          metrics,
          logger,
          allowedHosts,
          ...(token ? { token } : {}),
        });
        const address = await server.listen({ host, port: options.port ?? factory.config.http.port });
        factory.advertiseApi(address);
        process.stderr.write(
          `factory: dashboard ${address}/ , API ${address}/api , metrics ${address}/metrics (Ctrl-C to stop)\n`,
        );
        await untilSignal();
        await server.close();
        stopLogging();
        stopOutageLog();
        stopFailureLog();
        stopStepLog();
        clearInterval(sampler);
        metrics.close();
        return EXIT.ok;
      });
    });

  program
    .command('worker')
    .description('run queued AI tasks from Redis (distributed mode) until interrupted')
    .action(async () => {
      const config = loadConfig(global().config ? { file: global().config } : {});
      if (!config.redisUrl) {
        process.stderr.write(
          'factory: `worker` pulls tasks from Redis; set REDIS_URL (and DATABASE_URL) first. [INVALID_CONFIG]\n',
        );
        process.exitCode = EXIT.invalidInput;
        return;
      }
      const logger = createLogger();
      await withFactory({ ...global(), workers: true, log: aiLog(logger) }, async (factory) => {
        await factory.warmUp();
        const stopOutageLog = logDependencyChanges(factory.parts.monitor, logger);
        // Events already reach `serve`'s log through Redis; a worker logs what only it sees (AI warnings).
        logger.info({ concurrency: factory.config.taskConcurrency }, 'worker running');
        process.stderr.write('factory: worker running (Ctrl-C to stop)\n');
        await untilSignal();
        stopOutageLog();
        return EXIT.ok;
      });
    });
}

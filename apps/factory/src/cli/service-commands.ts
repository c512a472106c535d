import { isIP } from 'node:net';
import { InvalidConfigError } from '@startup-factory/contracts';
import { redactUrl } from '@startup-factory/core';
import { createMetrics, recordDeployedUsage } from '@startup-factory/production';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { describeMode, loadConfig } from '../config/factory-config';
import { describeWriter } from '../data-dir-lock';
import { buildHttpServer } from '../http/http-server';
import { createLogger, logEvents } from '../logging';
import { deployedApps } from './deploy-commands';
import { EXIT } from './exit-codes';
import { emit } from './output';
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
        // Events already reach `serve`'s log through Redis; a worker logs what only it sees (AI warnings).
        logger.info({ concurrency: factory.config.taskConcurrency }, 'worker running');
        process.stderr.write('factory: worker running (Ctrl-C to stop)\n');
        await untilSignal();
        return EXIT.ok;
      });
    });

  program
    .command('doctor')
    .description('say which mode and back ends are in use and check that each answers')
    .action(async () => {
      await withFactory(global(), async (factory) => {
        const config = factory.config;
        const mode = describeMode(config);
        const checks: Array<{ name: string; ok: boolean; detail: string }> = [];
        const check = async (name: string, probe: () => Promise<string>) => {
          try {
            checks.push({ name, ok: true, detail: await probe() });
          } catch (error) {
            checks.push({ name, ok: false, detail: (error as Error).message });
          }
        };
        await check(`state (${mode.state})`, async () => {
          await factory.parts.store.listEvents({ limit: 1 });
          return config.databaseUrl ? redactUrl(config.databaseUrl) : `${config.dataDir}/db`;
        });
        await check(`queue (${mode.queue})`, async () => {
          await factory.parts.queue.list({ state: 'running' });
          return config.redisUrl
            ? redactUrl(config.redisUrl)
            : `in-process, concurrency ${config.taskConcurrency}`;
        });
        await check('data folder writer', async () => describeWriter(factory.parts));
        await check('templates', async () => (await factory.templates()).map((t) => t.name).join(', '));
        await check('AI providers', async () => {
          const providers = factory.parts.coordinator.availableProviders();
          if (providers.length === 0) throw new Error('none available');
          return providers.join(', ');
        });
        const report = { mode: mode.mode, state: mode.state, queue: mode.queue, checks };
        emit(global().json === true, report, () =>
          [
            `mode: ${mode.mode}`,
            ...checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
          ].join('\n'),
        );
        return checks.every((c) => c.ok) ? EXIT.ok : EXIT.unavailable;
      });
    });
}

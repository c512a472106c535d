import { type DeploymentStatus, parseInput, StartupRef } from '@startup-factory/contracts';
import { DeployService, readDeployPointer } from '@startup-factory/production';
import type { Command } from 'commander';
import { loadConfig } from '../config/factory-config';
import { EXIT } from './exit-codes';
import { emit } from './output';
import { type GlobalOptions, intOption, reportError, withFactory } from './run-action';

/**
 * Runs `action` on the deploy service. A deploy opens the factory (this process then hosts the
 * app). Anything else about a startup deployed before is reached through its pointer without
 * opening the store, which the hosting process may hold (PGlite has one writer).
 */
async function withDeploys(
  options: GlobalOptions,
  ref: string,
  action: (deploys: DeployService, ref: string) => Promise<number>,
  { remoteTimeoutMs, hosting = false }: { remoteTimeoutMs?: number; hosting?: boolean } = {},
): Promise<void> {
  let id: string;
  let dataDir: string;
  try {
    id = parseInput(StartupRef, ref, 'startup reference');
    dataDir = loadConfig(options.config ? { file: options.config } : {}).dataDir;
  } catch (error) {
    reportError(error, options.verbose);
    return;
  }
  if (hosting || !readDeployPointer(dataDir, id)) {
    await withFactory(options, (factory) => action(factory.parts.deploys, id));
    return;
  }
  // This process hosts nothing: what it asks goes to the host, or stops an orphaned app.
  const remote = new DeployService({
    dataDir,
    deployer: { store: { appendEvent: async (event) => event } },
    ...(remoteTimeoutMs ? { remoteTimeoutMs } : {}),
  });
  try {
    const code = await action(remote, id);
    if (code !== EXIT.ok) process.exitCode = code;
  } catch (error) {
    reportError(error, options.verbose);
  }
}

/** Resolves on SIGINT or SIGTERM. */
function untilInterrupted(): { done: Promise<void>; dispose(): void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = () => resolve();
  });
  process.once('SIGINT', finish);
  process.once('SIGTERM', finish);
  return {
    done,
    dispose() {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
    },
  };
}

const describeStatus = (s: DeploymentStatus) =>
  s.state === 'not_deployed'
    ? `${s.slug}: not deployed`
    : `${s.slug}: ${s.state}${s.url ? ` at ${s.url}` : ''}${s.activePort ? `, port ${s.activePort}` : ''}, generation ${s.generation}${s.lastError ? ` (last error: ${s.lastError})` : ''}`;

export function registerDeployCommands(program: Command): void {
  const global = () => program.opts<GlobalOptions>();

  program
    .command('deploy <startup>')
    .description(
      'run the generated app behind the reverse proxy on its first allocated port; stays in the foreground (SIGHUP or `factory redeploy` replaces the build, Ctrl-C or `factory stop` stops it)',
    )
    .option('--build', 'run `npm run build` before each start')
    .option(
      '--proxy-port <port>',
      'listen here instead of the first allocated port',
      intOption('--proxy-port'),
    )
    .action(async (ref: string, options: { build?: boolean; proxyPort?: number }) => {
      await withDeploys(
        global(),
        ref,
        async (deploys) => {
          // Registered before the deploy, so an interrupt while it starts stops it once it has.
          const interrupted = untilInterrupted();
          try {
            const deployed = await deploys.deploy(ref, {
              ...(options.build ? { build: true } : {}),
              ...(options.proxyPort ? { proxyPort: options.proxyPort } : {}),
            });
            emit(
              global().json === true,
              { id: deployed.startupId, slug: deployed.slug, url: deployed.url },
              () => `${deployed.slug}: ${deployed.url}`,
            );
            // Until interrupted, or until `factory stop` (from another process) ended the deployment.
            await Promise.race([interrupted.done, deploys.whenIdle()]);
          } finally {
            interrupted.dispose();
          }
          return EXIT.ok;
        },
        { hosting: true },
      );
    });

  program
    .command('redeploy <startup>')
    .description(
      'start the new build on the second allocated port, switch the proxy once healthy, drain and stop the old one',
    )
    .option('--timeout <ms>', 'how long to wait for the switch', intOption('--timeout'), 120_000)
    .action(async (ref: string, options: { timeout: number }) => {
      await withDeploys(
        global(),
        ref,
        async (deploys, id) => {
          const after = await deploys.redeploy(id);
          emit(
            global().json === true,
            after,
            () => `${after.slug}: ${after.url} now served from port ${after.activePort}`,
          );
          return EXIT.ok;
        },
        { remoteTimeoutMs: options.timeout },
      );
    });

  program
    .command('stop <startup>')
    .description('stop a deployed app and its proxy')
    .option('--timeout <ms>', 'how long to wait for it to stop', intOption('--timeout'), 30_000)
    .action(async (ref: string, options: { timeout: number }) => {
      await withDeploys(
        global(),
        ref,
        async (deploys, id) => {
          const stopped = await deploys.stop(id);
          emit(
            global().json === true,
            { id: stopped.startupId, slug: stopped.slug, stopped: true },
            () => `${stopped.slug}: stopped`,
          );
          return EXIT.ok;
        },
        { remoteTimeoutMs: options.timeout },
      );
    });

  program
    .command('logs <startup>')
    .description("show the last lines of a deployed app's log")
    .option('-n, --lines <n>', 'how many lines', intOption('--lines'), 50)
    .action(async (ref: string, options: { lines: number }) => {
      await withDeploys(global(), ref, async (deploys, id) => {
        const lines = await deploys.logs(id, options.lines);
        emit(global().json === true, { lines }, () => lines.join('\n'));
        return EXIT.ok;
      });
    });

  program
    .command('deployment <startup>')
    .description("show where a startup's deployment stands (state, url, serving port, generation)")
    .action(async (ref: string) => {
      await withDeploys(global(), ref, async (deploys, id) => {
        const status = await deploys.status(id);
        emit(global().json === true, status, () => describeStatus(status));
        return EXIT.ok;
      });
    });
}

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { NotFoundError } from '@startup-factory/contracts';
import {
  Deployer,
  type DeployState,
  isAlive,
  readDeployState,
  tailDeployLog,
  writeDeployState,
} from '@startup-factory/production';
import type { Command } from 'commander';
import { loadConfig } from '../config/factory-config';
import type { Factory } from '../factory';
import { EXIT } from './exit-codes';
import { emit } from './output';
import { type GlobalOptions, intOption, reportError, withFactory } from './run-action';

interface DeployPointer {
  id: string;
  slug: string;
  projectDir: string;
}

const pointerDir = (options: GlobalOptions) =>
  join(loadConfig(options.config ? { file: options.config } : {}).dataDir, 'deploys');

/**
 * `factory deploy` records where each deployed project lives, so `redeploy`, `stop` and `logs`
 * reach it without opening the store the deploying process holds (PGlite is single-process).
 */
function writePointer(options: GlobalOptions, pointer: DeployPointer): void {
  const dir = pointerDir(options);
  mkdirSync(dir, { recursive: true });
  for (const name of [pointer.id, pointer.slug]) {
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(pointer)}\n`);
  }
}

/** The deployed project of `ref` (id or slug): from the pointer, else from the store. */
async function locate(options: GlobalOptions, ref: string, action: (p: DeployPointer) => Promise<number>) {
  const file = join(pointerDir(options), `${basename(ref)}.json`);
  if (existsSync(file)) {
    const pointer = JSON.parse(readFileSync(file, 'utf8')) as DeployPointer;
    try {
      const code = await action(pointer);
      if (code !== EXIT.ok) process.exitCode = code;
    } catch (error) {
      reportError(error, options.verbose);
    }
    return;
  }
  await withFactory(options, async (factory) => {
    const { summary, projectDir } = await projectOf(factory, ref);
    return action({ id: summary.id, slug: summary.slug, projectDir });
  });
}

async function projectOf(factory: Factory, ref: string) {
  const summary = await factory.show(ref);
  if (!summary.projectDir) {
    throw new NotFoundError({
      message: `Startup ${summary.slug} has no generated project yet; finish its pipeline first.`,
    });
  }
  return { summary, projectDir: summary.projectDir };
}

/** The process groups of apps `factory deploy` runs now, by startup slug (for the process metrics). */
export function deployedApps(dataDir: string): Array<{ startup: string; pgid: number }> {
  const dir = join(dataDir, 'deploys');
  if (!existsSync(dir)) return [];
  const byId = new Map<string, DeployPointer>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    try {
      const pointer = JSON.parse(readFileSync(join(dir, name), 'utf8')) as DeployPointer;
      byId.set(pointer.id, pointer);
    } catch {
      // a pointer being rewritten right now; the next sample reads it
    }
  }
  return [...byId.values()].flatMap((p) => {
    const state = readDeployState(p.projectDir);
    return state?.status === 'running' && state.activePid ? [{ startup: p.slug, pgid: state.activePid }] : [];
  });
}

function runningState(projectDir: string, slug: string): DeployState {
  const state = readDeployState(projectDir);
  if (state?.status !== 'running' || !isAlive(state.supervisorPid)) {
    throw new NotFoundError({
      message: `Startup ${slug} is not deployed; run \`factory deploy ${slug}\` first.`,
    });
  }
  return state;
}

function stopGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGTERM');
      return;
    } catch {
      // no such group or process; try the next form
    }
  }
}

/** Polls the deploy state file until `done` holds or the deadline passes. */
async function waitForState(
  projectDir: string,
  done: (s: DeployState | null) => boolean,
  timeoutMs: number,
): Promise<DeployState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = readDeployState(projectDir);
    if (done(state) || Date.now() > deadline) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
      await withFactory(global(), async (factory) => {
        const { summary, projectDir } = await projectOf(factory, ref);
        const startup = await factory.parts.manager.getStartup(summary.id);
        const deployer = new Deployer({
          store: factory.parts.store,
          // The app's own settings (APP_*), never the factory's keys or database URL.
          environment: factory.parts.appEnvironment,
          ...(options.build ? { build: true } : {}),
          ...(options.proxyPort ? { proxyPort: options.proxyPort } : {}),
        });
        const { url } = await deployer.deploy(startup, projectDir);
        writePointer(global(), { id: summary.id, slug: summary.slug, projectDir });
        emit(
          global().json === true,
          { id: summary.id, slug: summary.slug, url },
          () => `${summary.slug}: ${url}`,
        );
        await new Promise<void>((resolve) => {
          const redeploy = () => {
            deployer.redeploy(startup.id).catch((error: unknown) => {
              const state = readDeployState(projectDir);
              if (state) {
                writeDeployState(projectDir, {
                  ...state,
                  lastError: (error as Error).message,
                  updatedAt: new Date().toISOString(),
                });
              }
              process.stderr.write(
                `factory: redeploy failed, the previous build keeps serving: ${(error as Error).message}\n`,
              );
            });
          };
          const finish = () => {
            process.off('SIGHUP', redeploy);
            process.off('SIGINT', finish);
            process.off('SIGTERM', finish);
            resolve();
          };
          process.on('SIGHUP', redeploy);
          process.once('SIGINT', finish);
          process.once('SIGTERM', finish);
        });
        await deployer.close();
        return EXIT.ok;
      });
    });

  program
    .command('redeploy <startup>')
    .description(
      'start the new build on the second allocated port, switch the proxy once healthy, drain and stop the old one',
    )
    .option('--timeout <ms>', 'how long to wait for the switch', intOption('--timeout'), 120_000)
    .action(async (ref: string, options: { timeout: number }) => {
      await locate(global(), ref, async ({ projectDir, ...summary }) => {
        const before = runningState(projectDir, summary.slug);
        process.kill(before.supervisorPid, 'SIGHUP');
        const after = await waitForState(
          projectDir,
          (s) => !!s && (s.generation > before.generation || s.updatedAt !== before.updatedAt),
          options.timeout,
        );
        if (!after || after.generation <= before.generation) {
          throw new Error(
            `Redeploy of ${summary.slug} did not switch: ${after?.lastError ?? 'timed out'}; the previous build keeps serving.`,
          );
        }
        emit(
          global().json === true,
          after,
          () => `${summary.slug}: ${after.url} now served from port ${after.activePort}`,
        );
        return EXIT.ok;
      });
    });

  program
    .command('stop <startup>')
    .description('stop a deployed app and its proxy')
    .option('--timeout <ms>', 'how long to wait for it to stop', intOption('--timeout'), 30_000)
    .action(async (ref: string, options: { timeout: number }) => {
      await locate(global(), ref, async ({ projectDir, ...summary }) => {
        const orphan = readDeployState(projectDir);
        if (orphan?.status === 'running' && !isAlive(orphan.supervisorPid) && orphan.activePid) {
          // The deploying process died without stopping its app: stop the app's process group.
          stopGroup(orphan.activePid);
          writeDeployState(projectDir, {
            ...orphan,
            status: 'stopped',
            activePid: null,
            updatedAt: new Date().toISOString(),
          });
          emit(
            global().json === true,
            { id: summary.id, slug: summary.slug, stopped: true },
            () => `${summary.slug}: stopped`,
          );
          return EXIT.ok;
        }
        const state = runningState(projectDir, summary.slug);
        process.kill(state.supervisorPid, 'SIGTERM');
        const deadline = Date.now() + options.timeout;
        while (isAlive(state.supervisorPid) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        if (isAlive(state.supervisorPid))
          throw new Error(`Deployment of ${summary.slug} did not stop in time.`);
        emit(
          global().json === true,
          { id: summary.id, slug: summary.slug, stopped: true },
          () => `${summary.slug}: stopped`,
        );
        return EXIT.ok;
      });
    });

  program
    .command('logs <startup>')
    .description("show the last lines of a deployed app's log")
    .option('-n, --lines <n>', 'how many lines', intOption('--lines'), 50)
    .action(async (ref: string, options: { lines: number }) => {
      await locate(global(), ref, async ({ projectDir }) => {
        const text = tailDeployLog(projectDir, options.lines);
        emit(global().json === true, { lines: text === '' ? [] : text.split('\n') }, () => text);
        return EXIT.ok;
      });
    });
}

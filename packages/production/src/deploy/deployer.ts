import { resolve } from 'node:path';
import {
  type AppEnvironment,
  ConflictError,
  type DeployStepEvent,
  InvalidConfigError,
  type IStateStore,
  NotFoundError,
  type StartupInstance,
} from '@startup-factory/contracts';
import type { z } from 'zod';
import { AppProcess } from './app-process';
import { deployLogFile, writeDeployState } from './deploy-state';
import { EmbeddedDatabaseHost } from './embedded-database-host';
import { waitForHealthy } from './health-check';
import { prepareDeployment, requireAllocation } from './prepare-deployment';
import { runProjectBuild } from './project-build';
import { createRelease, removeRelease, removeReleases } from './release-folder';
import { ReverseProxy } from './reverse-proxy';

type Step = z.infer<typeof DeployStepEvent>['step'];

export interface DeployerOptions {
  /** Where deploy.step events go. */
  store: Pick<IStateStore, 'appendEvent'>;
  host?: string;
  /** Proxy port; defaults to the startup's first allocated port (apps then use the others). */
  proxyPort?: number;
  healthPath?: string;
  healthTimeoutMs?: number;
  /** How long in-flight requests to the old process may take after a switch. */
  drainTimeoutMs?: number;
  /** SIGTERM grace before SIGKILL. */
  stopTimeoutMs?: number;
  /** Start command (default `npm start`). */
  command?: readonly string[];
  /** Run `npm run build` (when the project has a build script) before each start. */
  build?: boolean;
  /**
   * The app's whole environment for a build or a start on `port`; nothing of this process's own
   * environment (its database URL, API keys, tokens) reaches the app otherwise. Default: PATH only.
   */
  environment?: AppEnvironment;
  /** Record state under `<projectDir>/.deploy/state.json` for other processes (default true). */
  recordState?: boolean;
  clock?: () => Date;
}

interface Deployment {
  startup: StartupInstance;
  projectDir: string;
  proxy: ReverseProxy;
  proxyPort: number;
  url: string;
  appPorts: number[];
  active: AppProcess;
  /** The release folder the active process runs from (see release-folder). */
  release: string;
  /** The app's embedded database served to every generation, when it has no APP_DATABASE_URL. */
  database: EmbeddedDatabaseHost | null;
  generation: number;
  /** Whether each start runs `npm run build` first. */
  build: boolean;
  /** Serializes redeploys and stop of one startup. */
  busy: Promise<unknown>;
}

/**
 * Runs built apps behind a reverse proxy and replaces them without dropping a request. The
 * DeployService drives it for the CLI, the HTTP API and the dashboard.
 */
export class Deployer {
  private readonly deployments = new Map<string, Deployment>();
  private readonly host: string;

  constructor(private readonly options: DeployerOptions) {
    this.host = options.host ?? '127.0.0.1';
  }

  /** Writes the manifests, starts the app on an allocated port and puts the proxy in front of it. */
  async deploy(
    startup: StartupInstance,
    projectDir: string,
    overrides: { build?: boolean; proxyPort?: number } = {},
  ): Promise<{ url: string; files: string[] }> {
    if (this.deployments.has(startup.id)) {
      throw new ConflictError({ message: `Startup ${startup.slug} is already deployed; use redeploy.` });
    }
    const allocation = requireAllocation(startup);
    const build = overrides.build ?? this.options.build ?? false;
    const proxyPort = overrides.proxyPort ?? this.options.proxyPort ?? allocation.ports[0]!;
    const appPorts = allocation.ports.filter((p) => p !== proxyPort);
    if (appPorts.length === 0) {
      throw new InvalidConfigError({
        message: `Startup ${startup.slug} needs at least one allocated port besides the proxy port ${proxyPort}.`,
      });
    }
    const { files } = prepareDeployment(startup, projectDir, { healthPath: this.healthPath });
    const database = await this.hostDatabase(startup, projectDir, appPorts[0]!);
    // Nothing of this startup runs now: releases left by an earlier deployment go.
    await removeReleases(projectDir);
    let started: { app: AppProcess; release: string };
    try {
      started = await this.startHealthy(startup, projectDir, appPorts[0]!, database, build, null);
    } catch (error) {
      await database?.stop();
      throw error;
    }
    const { app: active, release } = started;
    const proxy = new ReverseProxy(this.host);
    try {
      await proxy.listen(proxyPort);
    } catch (error) {
      await active.stop(this.options.stopTimeoutMs ?? 5000);
      await removeRelease(release);
      await database?.stop();
      await this.step(startup.id, 'failed', proxyPort, { reason: `proxy: ${(error as Error).message}` });
      throw error;
    }
    proxy.switchTo(active.port);
    const url = `http://${this.host}:${proxyPort}`;
    await this.step(startup.id, 'switch', active.port, { url, pid: active.pid ?? null });
    const deployment: Deployment = {
      startup,
      projectDir,
      proxy,
      proxyPort,
      url,
      appPorts,
      active,
      release,
      database,
      generation: 1,
      build,
      busy: Promise.resolve(),
    };
    this.deployments.set(startup.id, deployment);
    this.record(deployment, 'running');
    return { url, files };
  }

  /**
   * Starts the new build on the next allocated port, waits for its health check, switches the
   * proxy, drains requests still in flight to the old process, then stops it.
   */
  async redeploy(startupId: string): Promise<{ url: string; port: number }> {
    const d = this.require(startupId);
    const run = d.busy.then(() => this.replace(d));
    d.busy = run.catch(() => undefined);
    return run;
  }

  /** Stops the app and the proxy; the startup's ports are free again afterwards. */
  async stop(startupId: string): Promise<void> {
    const d = this.require(startupId);
    await d.busy;
    this.deployments.delete(startupId);
    await d.proxy.close();
    const how = await d.active.stop(this.options.stopTimeoutMs ?? 5000);
    await removeRelease(d.release);
    await d.database?.stop();
    await this.step(startupId, 'stop', d.active.port, { how, pid: d.active.pid ?? null });
    this.record(d, 'stopped');
  }

  /** Stops every deployment of this process. */
  async close(): Promise<void> {
    for (const id of [...this.deployments.keys()]) await this.stop(id);
  }

  status(
    startupId: string,
  ): { url: string; port: number; pid: number | undefined; generation: number } | null {
    const d = this.deployments.get(startupId);
    return d ? { url: d.url, port: d.active.port, pid: d.active.pid, generation: d.generation } : null;
  }

  private get healthPath(): string {
    return this.options.healthPath ?? '/api/health';
  }

  private async replace(d: Deployment): Promise<{ url: string; port: number }> {
    try {
      return await this.switchGeneration(d);
    } catch (error) {
      // The running state file says why, for a status read from another process.
      if (this.deployments.has(d.startup.id)) this.record(d, 'running', (error as Error).message);
      throw error;
    }
  }

  private async switchGeneration(d: Deployment): Promise<{ url: string; port: number }> {
    const old = d.active;
    const oldRelease = d.release;
    const nextPort = d.appPorts.find((p) => p !== old.port);
    if (nextPort === undefined) {
      throw new InvalidConfigError({
        message: `Startup ${d.startup.slug} needs a second allocated app port for a zero-downtime redeploy.`,
      });
    }
    const { app: next, release } = await this.startHealthy(
      d.startup,
      d.projectDir,
      nextPort,
      d.database,
      d.build,
      oldRelease,
    );
    d.proxy.switchTo(next.port);
    d.active = next;
    d.release = release;
    d.generation += 1;
    await this.step(d.startup.id, 'switch', next.port, { from: old.port, pid: next.pid ?? null });
    this.record(d, 'running');
    const started = Date.now();
    const drained = await d.proxy.drain(old.port, this.options.drainTimeoutMs ?? 10_000);
    await this.step(d.startup.id, 'drain', old.port, { drained, durationMs: Date.now() - started });
    const how = await old.stop(this.options.stopTimeoutMs ?? 5000);
    await this.step(d.startup.id, 'stop', old.port, { how, pid: old.pid ?? null });
    await removeRelease(oldRelease);
    return { url: d.url, port: next.port };
  }

  private environment(startup: StartupInstance, port: number, purpose: 'build' | 'start') {
    const environment = this.options.environment;
    return environment
      ? environment(requireAllocation(startup), port, purpose)
      : { PATH: process.env.PATH ?? '' };
  }

  /**
   * PGlite is one process: for blue and green to run at once on an app's embedded database, this
   * process serves it to both over a unix socket. None when the app is given a database URL.
   */
  private async hostDatabase(
    startup: StartupInstance,
    projectDir: string,
    port: number,
  ): Promise<EmbeddedDatabaseHost | null> {
    const env = this.environment(startup, port, 'start');
    if (env.APP_DATABASE_URL || !EmbeddedDatabaseHost.canHost(projectDir)) return null;
    const host = await EmbeddedDatabaseHost.start({
      projectDir,
      schema: env.APP_DB_SCHEMA ?? requireAllocation(startup).databaseNamespace,
      ...(env.APP_DATA_DIR ? { dataDir: env.APP_DATA_DIR } : {}),
    });
    await this.step(startup.id, 'start', undefined, { database: 'embedded, shared by every generation' });
    return host;
  }

  private async startHealthy(
    startup: StartupInstance,
    projectDir: string,
    port: number,
    database: EmbeddedDatabaseHost | null,
    build: boolean,
    previousRelease: string | null,
  ): Promise<{ app: AppProcess; release: string }> {
    const startupId = startup.id;
    if (build) {
      await runProjectBuild(projectDir, this.environment(startup, port, 'build'), port, (step, detail) =>
        this.step(startupId, step, undefined, detail),
      );
    }
    // Each generation runs from its own frozen copy of the project, so an evolve's hand-over of
    // the project's build never pulls files from under the process still serving.
    const release = await createRelease(projectDir, `port-${port}`, previousRelease);
    const env = this.environment(startup, port, 'start');
    const app = AppProcess.start({
      cwd: release,
      port,
      command: this.options.command ?? ['npm', 'start'],
      env: {
        ...env,
        // The app's data is the project's, never a copy in the release.
        APP_DATA_DIR: resolve(projectDir, env.APP_DATA_DIR ?? '.data'),
        ...(database ? { APP_DATABASE_URL: database.url } : {}),
      },
      logFile: deployLogFile(projectDir),
    });
    await this.step(startupId, 'start', port, { pid: app.pid ?? null });
    try {
      const durationMs = await waitForHealthy({
        host: this.host,
        port,
        path: this.healthPath,
        timeoutMs: this.options.healthTimeoutMs ?? 60_000,
        abortReason: () =>
          app.hasExited ? `the app on port ${port} exited before it was healthy` : undefined,
      });
      await this.step(startupId, 'health_check', port, { ok: true, durationMs });
      return { app, release };
    } catch (error) {
      await app.stop(this.options.stopTimeoutMs ?? 5000);
      await removeRelease(release);
      await this.step(startupId, 'failed', port, { reason: (error as Error).message });
      throw new Error(`${(error as Error).message}; see ${deployLogFile(projectDir)}`, { cause: error });
    }
  }

  private require(startupId: string): Deployment {
    const d = this.deployments.get(startupId);
    if (!d) throw new NotFoundError({ message: `Startup ${startupId} is not deployed by this process.` });
    return d;
  }

  private record(d: Deployment, status: 'running' | 'stopped', lastError?: string): void {
    if (this.options.recordState === false) return;
    writeDeployState(d.projectDir, {
      ...(lastError === undefined ? {} : { lastError }),
      startupId: d.startup.id,
      supervisorPid: process.pid,
      url: d.url,
      proxyPort: d.proxyPort,
      activePort: d.active.port,
      activePid: status === 'running' ? (d.active.pid ?? null) : null,
      generation: d.generation,
      status,
      updatedAt: (this.options.clock?.() ?? new Date()).toISOString(),
    });
  }

  private async step(
    startupId: string,
    step: Step,
    port: number | undefined,
    detail: Record<string, unknown>,
  ) {
    await this.options.store.appendEvent({
      type: 'deploy.step',
      startupId,
      at: this.options.clock?.() ?? new Date(),
      step,
      ...(port === undefined ? {} : { port }),
      detail,
    });
  }
}

import {
  ConflictError,
  DeployFailedError,
  type DeploymentStatus,
  type DeployOptions,
  FactoryError,
  type IDeployService,
  NotFoundError,
  notDeployedStatus,
  type StartupInstance,
} from '@startup-factory/contracts';
import {
  type ControlAction,
  orphaned,
  sendControl,
  stopOrphanedGroup,
  takeControl,
  waitForDeployState,
} from './deploy-control';
import { type DeployPointer, readDeployPointer, writeDeployPointer } from './deploy-pointers';
import { type DeployState, isAlive, readDeployState, tailDeployLog, writeDeployState } from './deploy-state';
import { Deployer, type DeployerOptions } from './deployer';

/** A startup and its generated project, as the store knows them. */
export interface DeployTarget {
  startup: StartupInstance;
  projectDir: string;
}

export interface DeployServiceOptions {
  /** Where deployment pointers live (`<dataDir>/deploys`). */
  dataDir: string;
  /**
   * The startup and its project for an id or slug: NOT_FOUND when there is no such startup or it
   * has no generated project yet. Absent in a process that may not open the store: it then reaches
   * only startups deployed before (through their pointers).
   */
  resolve?: (ref: string) => Promise<DeployTarget>;
  /** How this process runs apps it hosts; state is always recorded for other processes. */
  deployer: Omit<DeployerOptions, 'recordState' | 'build' | 'proxyPort'>;
  /** How long a redeploy or stop asked of another hosting process may take (default 120 s). */
  remoteTimeoutMs?: number;
}

interface Located extends DeployPointer {
  state: DeployState | null;
}

/**
 * The deploy lifecycle behind the CLI, the HTTP API and the dashboard. Deployments this process
 * starts live as long as it does (`close` stops them); one hosted by another process (a foreground
 * `factory deploy`, `factory serve`) is redeployed or stopped by asking that process (see
 * deploy-control), and an app whose host died is stopped by its process group.
 */
export class DeployService implements IDeployService {
  private readonly deployer: Deployer;
  /** Hosted here, by startup id. */
  private readonly hosted = new Map<string, DeployPointer>();
  private idle: Array<() => void> = [];
  private readonly onHangUp = () => void this.answerControl();

  constructor(private readonly options: DeployServiceOptions) {
    this.deployer = new Deployer({ ...options.deployer, recordState: true });
  }

  async deploy(ref: string, options: DeployOptions = {}): Promise<DeploymentStatus> {
    const { startup, projectDir } = await this.target(ref);
    const pointer = { id: startup.id, slug: startup.slug, projectDir };
    const state = readDeployState(projectDir);
    if (this.hosted.has(startup.id) || (state?.status === 'running' && isAlive(state.supervisorPid))) {
      throw new ConflictError({
        message: `Startup ${startup.slug} is already deployed (process ${state?.supervisorPid ?? process.pid}); redeploy or stop it first.`,
      });
    }
    // An app left by a dead host holds the ports this deploy needs.
    const left = orphaned(state);
    if (left) await this.stopOrphan(pointer, left);
    try {
      await this.deployer.deploy(startup, projectDir, options);
    } catch (error) {
      throw asDeployError(error, `Deploy of ${startup.slug} failed`);
    }
    writeDeployPointer(this.options.dataDir, pointer);
    if (this.hosted.size === 0) process.on('SIGHUP', this.onHangUp);
    this.hosted.set(startup.id, pointer);
    return this.describe(pointer);
  }

  /** Zero-downtime redeploy of a running startup: the one `evolve` rollouts call too. */
  async redeploy(ref: string): Promise<DeploymentStatus> {
    const located = await this.locate(ref);
    if (this.hosted.has(located.id)) {
      try {
        await this.deployer.redeploy(located.id);
      } catch (error) {
        throw asDeployError(error, `Redeploy of ${located.slug} failed; the previous build keeps serving`);
      }
      return this.describe(located);
    }
    const before = this.requireRemote(located);
    const after = await this.askHost(located, before, 'redeploy', (s) =>
      Boolean(s && (s.generation > before.generation || s.updatedAt !== before.updatedAt)),
    );
    if (!after || after.generation <= before.generation) {
      throw new DeployFailedError({
        message: `Redeploy of ${located.slug} did not switch: ${after?.lastError ?? 'timed out'}; the previous build keeps serving.`,
      });
    }
    return this.describe(located);
  }

  async stop(ref: string): Promise<DeploymentStatus> {
    const located = await this.locate(ref);
    if (this.hosted.has(located.id)) {
      await this.stopHosted(located.id);
      return this.describe(located);
    }
    const left = orphaned(located.state);
    if (left) {
      await this.stopOrphan(located, left);
      return this.describe(located);
    }
    const before = this.requireRemote(located);
    const after = await this.askHost(located, before, 'stop', (s) => s?.status !== 'running');
    if (after?.status === 'running') {
      throw new DeployFailedError({
        message: `Deployment of ${located.slug} did not stop in time; its host is process ${before.supervisorPid}.`,
      });
    }
    return this.describe(located);
  }

  async logs(ref: string, lines = 50): Promise<string[]> {
    const { projectDir } = await this.locate(ref);
    const text = tailDeployLog(projectDir, lines);
    return text === '' ? [] : text.split('\n');
  }

  async status(ref: string): Promise<DeploymentStatus> {
    return this.describe(await this.locate(ref));
  }

  /** Resolves once this process hosts no deployment (a remote `stop` ended the last one). */
  whenIdle(): Promise<void> {
    if (this.hosted.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    for (const id of [...this.hosted.keys()]) await this.stopHosted(id);
  }

  private async stopHosted(id: string): Promise<void> {
    await this.deployer.stop(id);
    this.hosted.delete(id);
    if (this.hosted.size > 0) return;
    process.off('SIGHUP', this.onHangUp);
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Another process asked (deploy-control): act on each hosted deployment with a request. */
  private async answerControl(): Promise<void> {
    const requests = [...this.hosted.values()].map((p) => [p, takeControl(p.projectDir)] as const);
    const anyRequest = requests.some(([, action]) => action !== null);
    for (const [pointer, action] of requests) {
      const todo: ControlAction | null = anyRequest ? action : 'redeploy';
      if (!todo) continue;
      const run = todo === 'stop' ? this.stopHosted(pointer.id) : this.deployer.redeploy(pointer.id);
      await run.catch((error: unknown) => {
        // The state file carries the reason to the asking process; the old build keeps serving.
        process.stderr.write(`factory: ${todo} of ${pointer.slug} failed: ${(error as Error).message}\n`);
      });
    }
  }

  private requireRemote(located: Located): DeployState {
    const { state } = located;
    if (state?.status !== 'running' || !isAlive(state.supervisorPid)) {
      throw new NotFoundError({
        message: `Startup ${located.slug} is not deployed; run \`factory deploy ${located.slug}\` first.`,
      });
    }
    return state;
  }

  private async askHost(
    located: Located,
    before: DeployState,
    action: ControlAction,
    done: (state: DeployState | null) => boolean,
  ): Promise<DeployState | null> {
    sendControl(located.projectDir, before.supervisorPid, action);
    return waitForDeployState(located.projectDir, done, this.options.remoteTimeoutMs ?? 120_000);
  }

  private async stopOrphan(pointer: DeployPointer, state: DeployState): Promise<void> {
    if (state.activePid)
      await stopOrphanedGroup(state.activePid, this.options.deployer.stopTimeoutMs ?? 5000);
    writeDeployState(pointer.projectDir, {
      ...state,
      status: 'stopped',
      activePid: null,
      updatedAt: new Date().toISOString(),
    });
  }

  private async target(ref: string): Promise<DeployTarget> {
    if (!this.options.resolve) {
      throw new NotFoundError({
        message: `Startup ${ref} was never deployed from this data folder; deploy it through the process that holds the store (its HTTP API).`,
      });
    }
    return this.options.resolve(ref);
  }

  /** Hosted here, else its pointer, else the store. */
  private async locate(ref: string): Promise<Located> {
    const hosted = [...this.hosted.values()].find((p) => p.id === ref || p.slug === ref);
    let found = hosted ?? readDeployPointer(this.options.dataDir, ref);
    if (!found) {
      const { startup, projectDir } = await this.target(ref);
      found = { id: startup.id, slug: startup.slug, projectDir };
    }
    return { ...found, state: readDeployState(found.projectDir) };
  }

  private describe(pointer: DeployPointer): DeploymentStatus {
    const state = readDeployState(pointer.projectDir);
    const base = { startupId: pointer.id, slug: pointer.slug };
    if (!state) return notDeployedStatus(pointer.id, pointer.slug);
    const hostAlive = state.status === 'running' && !orphaned(state);
    return {
      ...base,
      state: orphaned(state) ? 'orphaned' : state.status,
      url: state.url,
      activePort: state.activePort,
      pid: state.activePid,
      hostPid: hostAlive ? state.supervisorPid : null,
      generation: state.generation,
      lastError: state.lastError ?? null,
      updatedAt: state.updatedAt,
    };
  }
}

/** Typed errors pass as they are; a failed start or health check becomes DEPLOY_FAILED. */
function asDeployError(error: unknown, what: string): unknown {
  if (FactoryError.isInstance(error)) return error;
  return new DeployFailedError({ message: `${what}: ${(error as Error).message}`, cause: error });
}

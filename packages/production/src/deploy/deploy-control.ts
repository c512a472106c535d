import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeployState, deployRuntimeDir, isAlive, readDeployState } from './deploy-state';

/**
 * How one process asks the process hosting a deployment to act on it: a request file in the
 * deployment's runtime folder, then SIGHUP to the host. A SIGHUP with no request (a plain
 * `kill -HUP`) redeploys everything the host runs.
 */
export type ControlAction = 'redeploy' | 'stop';

const requestFile = (projectDir: string) => join(deployRuntimeDir(projectDir), 'control.json');

export function sendControl(projectDir: string, hostPid: number, action: ControlAction): void {
  writeFileSync(requestFile(projectDir), `${JSON.stringify({ action, at: new Date().toISOString() })}\n`);
  process.kill(hostPid, 'SIGHUP');
}

/** Takes (reads and removes) the pending request for a deployment, if any. */
export function takeControl(projectDir: string): ControlAction | null {
  const file = requestFile(projectDir);
  if (!existsSync(file)) return null;
  try {
    const { action } = JSON.parse(readFileSync(file, 'utf8')) as { action?: unknown };
    return action === 'stop' || action === 'redeploy' ? action : null;
  } catch {
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Polls the deploy state file until `done` holds or the deadline passes. */
export async function waitForDeployState(
  projectDir: string,
  done: (state: DeployState | null) => boolean,
  timeoutMs: number,
): Promise<DeployState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = readDeployState(projectDir);
    if (done(state) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A state file saying `running` whose host died: its app may still hold the ports. */
export function orphaned(state: DeployState | null): DeployState | null {
  return state?.status === 'running' && !isAlive(state.supervisorPid) ? state : null;
}

/**
 * Stops an app its host left behind: SIGTERM to its process group, SIGKILL if any of it still
 * runs after `timeoutMs`. Resolves once the group is gone.
 */
export async function stopOrphanedGroup(pgid: number, timeoutMs: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  for (const [deadline, next] of [
    [Date.now() + timeoutMs, 'SIGKILL'],
    [Date.now() + timeoutMs + 5_000, null],
  ] as const) {
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!alive() || next === null) return;
    signal(next);
  }
}

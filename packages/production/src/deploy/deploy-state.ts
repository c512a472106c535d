import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running deployment records under `<projectDir>/.deploy/` for other processes (CLI). */
export interface DeployState {
  startupId: string;
  /** The process that owns the proxy; SIGHUP redeploys, SIGTERM stops. */
  supervisorPid: number;
  url: string;
  proxyPort: number;
  activePort: number;
  activePid: number | null;
  /** Increments on every successful deploy or redeploy. */
  generation: number;
  status: 'running' | 'stopped' | 'failed';
  lastError?: string;
  updatedAt: string;
}

export const deployRuntimeDir = (projectDir: string) => join(projectDir, '.deploy');
export const deployLogFile = (projectDir: string) => join(deployRuntimeDir(projectDir), 'app.log');
const stateFile = (projectDir: string) => join(deployRuntimeDir(projectDir), 'state.json');

export function readDeployState(projectDir: string): DeployState | null {
  const file = stateFile(projectDir);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as DeployState;
}

export function writeDeployState(projectDir: string, state: DeployState): void {
  mkdirSync(deployRuntimeDir(projectDir), { recursive: true });
  const file = stateFile(projectDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The last `lines` lines of the deployment's app log ('' when it has none). */
export function tailDeployLog(projectDir: string, lines = 50): string {
  const file = deployLogFile(projectDir);
  if (!existsSync(file)) return '';
  const all = readFileSync(file, 'utf8').split('\n');
  if (all.at(-1) === '') all.pop();
  return all.slice(-lines).join('\n');
}

/** True when a process with this pid exists (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

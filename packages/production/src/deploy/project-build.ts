import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type BuildStep = (step: 'build' | 'failed', detail: Record<string, unknown>) => Promise<unknown>;

/**
 * Runs the project's `npm run build` (when it has a build script) with the app's build
 * environment; reports the outcome as a deploy step and throws when the build fails.
 */
export async function runProjectBuild(
  projectDir: string,
  environment: Record<string, string>,
  port: number,
  step: BuildStep,
): Promise<void> {
  const manifest = join(projectDir, 'package.json');
  const scripts = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {}) : {};
  if (!scripts.build) return;
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: projectDir,
      env: { NODE_ENV: 'production', ...environment, PORT: String(port) },
      stdio: 'ignore',
    });
    child.once('exit', resolve);
    child.once('error', () => resolve(null));
  });
  if (code !== 0) {
    await step('failed', { reason: `npm run build exited with ${code}` });
    throw new Error(`npm run build failed in ${projectDir} (exit ${code})`);
  }
  await step('build', { durationMs: Date.now() - started });
}

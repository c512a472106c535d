import { InvalidConfigError } from '@startup-factory/contracts';
import { BuiltinEngine } from './builtin-engine';
import { CookiecutterEngine, findCookiecutter } from './cookiecutter-engine';
import type { RenderEngine, RenderEngineName } from './engine';

/**
 * `auto` renders with Python's cookiecutter when it is installed (identical by construction) and
 * otherwise with the built-in subset renderer, which refuses what it cannot reproduce exactly.
 */
export async function selectEngine(
  name: RenderEngineName | RenderEngine,
  timeoutMs: number,
): Promise<RenderEngine> {
  if (typeof name === 'object') return name;
  if (name === 'builtin') return new BuiltinEngine();
  const install = await findCookiecutter();
  if (install) return new CookiecutterEngine(install, timeoutMs);
  if (name === 'cookiecutter') {
    throw new InvalidConfigError({
      message:
        'The cookiecutter render engine was asked for, but no python3 here can import cookiecutter; install it (apt-get install cookiecutter, or pip install cookiecutter) or use the engine auto or builtin.',
    });
  }
  return new BuiltinEngine();
}

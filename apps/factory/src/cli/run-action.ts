import { FactoryError, InvalidConfigError, parseInput, StartupRef } from '@startup-factory/contracts';
import { loadConfig } from '../config/factory-config';
import { type CreateFactoryOptions, createFactory } from '../create-factory';
import type { Factory } from '../factory';
import { EXIT, exitCodeFor, nextStepFor } from './exit-codes';

export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
  config?: string;
}

/** Prints an error as one line (then what to do, when its message may not say it; the stack only with --verbose) and sets the exit code. */
export function reportError(error: unknown, verbose: boolean | undefined): void {
  const message = FactoryError.isInstance(error)
    ? `${error.message} [${error.code}]`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`factory: ${message}\n`);
  const next = nextStepFor(error);
  if (next) process.stderr.write(`factory: ${next}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = exitCodeFor(error);
}

/** Opens the factory from config and env, runs `action`, and always closes it. */
export async function withFactory(
  options: GlobalOptions & Pick<CreateFactoryOptions, 'workers' | 'log'>,
  action: (factory: Factory) => Promise<number | undefined>,
): Promise<void> {
  let factory: Factory | undefined;
  try {
    const config = loadConfig(options.config ? { file: options.config } : {});
    factory = await createFactory(config, {
      holder: commandName(),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.log ? { log: options.log } : {}),
    });
    const code = await action(factory);
    if (code !== undefined && code !== EXIT.ok) process.exitCode = code;
  } catch (error) {
    reportError(error, options.verbose);
  } finally {
    await factory?.close().catch((error: unknown) => reportError(error, options.verbose));
  }
}

/** The subcommand this process runs (`serve`, `create`, ...), skipping global flags and their values. */
function commandName(): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--config' || args[i] === '--data-dir') i++;
    else if (!args[i]!.startsWith('-')) return args[i]!;
  }
  return 'process';
}

/**
 * `withFactory` for a command about one startup: the reference (id or slug) and `prepare`'s input
 * (files it reads) are checked first, so bad input never opens the data folder or the store.
 */
export async function withStartup<T = undefined>(
  options: GlobalOptions,
  ref: string,
  action: (factory: Factory, ref: string, prepared: T) => Promise<number | undefined>,
  prepare: () => T = () => undefined as T,
): Promise<void> {
  let prepared: T;
  let id: string;
  try {
    id = parseInput(StartupRef, ref, 'startup reference');
    prepared = prepare();
  } catch (error) {
    reportError(error, options.verbose);
    return;
  }
  await withFactory(options, (factory) => action(factory, id, prepared));
}

/** Parses a commander integer option or fails with INVALID_CONFIG naming the flag. */
export function intOption(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n))
      throw new InvalidConfigError({ message: `${flag} must be an integer, got ${JSON.stringify(value)}.` });
    return n;
  };
}

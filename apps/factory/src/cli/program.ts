import { Command } from 'commander';
import { FACTORY_VERSION } from '../version';

/** The `factory` command line. Each subcommand is a thin layer over the composed system. */
export function buildProgram(): Command {
  const program = new Command('factory')
    .description('Startup Factory: turn startup ideas into running MVPs, many at once.')
    .version(FACTORY_VERSION)
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces on errors');
  return program;
}

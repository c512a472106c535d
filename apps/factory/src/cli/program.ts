import { Command } from 'commander';
import { FACTORY_VERSION } from '../version';
import { registerCreate } from './create-command';
import { registerManageCommands } from './manage-commands';
import { registerServiceCommands } from './service-commands';

/** The `factory` command line. Each subcommand is a thin layer over the composed system. */
export function buildProgram(): Command {
  const program = new Command('factory')
    .description('Startup Factory: turn startup ideas into running MVPs, many at once.')
    .version(FACTORY_VERSION)
    .option('--json', 'machine-readable output (a stable shape, see the README)')
    .option('--verbose', 'show stack traces on errors')
    .option('--config <path>', 'config file (default: factory.config.{json,yaml} if present)')
    .showHelpAfterError('(run `factory --help` for usage)');
  registerCreate(program);
  registerManageCommands(program);
  registerServiceCommands(program);
  return program;
}

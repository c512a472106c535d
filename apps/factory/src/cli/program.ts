import { Command } from 'commander';
import { FACTORY_VERSION } from '../version';
import { registerAnalyticsCommand } from './analytics-command';
import { registerCreate } from './create-command';
import { registerDeployCommands } from './deploy-commands';
import { registerDoctorCommand } from './doctor-command';
import { registerEvolveCommands } from './evolve-commands';
import { EXIT } from './exit-codes';
import { registerManageCommands } from './manage-commands';
import { registerServiceCommands } from './service-commands';
import { registerUpgradeCommand } from './upgrade-command';

/** The `factory` command line. Each subcommand is a thin layer over the composed system. */
export function buildProgram(): Command {
  const program = new Command('factory')
    .description('Startup Factory: turn startup ideas into running MVPs, many at once.')
    .version(FACTORY_VERSION)
    .option('--json', 'machine-readable output (a stable shape, see the README)')
    .option('--verbose', 'show stack traces on errors')
    .option('--config <path>', 'config file (default: factory.config.{json,yaml} if present)')
    .option('--data-dir <path>', 'the embedded data folder (default .factory; same as FACTORY_DATA_DIR)')
    .option(
      '--allow-offline-fallback',
      'when every configured AI provider fails a task, draft it offline (marked as such) instead of failing',
    )
    .option(
      '--templates-dir <path>',
      'a folder of your own cookiecutter templates, listed by `factory templates` (same as FACTORY_TEMPLATES_DIR)',
    )
    .hook('preAction', (command) => {
      // The same switch as FACTORY_OFFLINE_FALLBACK=1, so every command's config sees it.
      if (command.opts().allowOfflineFallback) process.env.FACTORY_OFFLINE_FALLBACK = '1';
      const dataDir = command.opts().dataDir as string | undefined;
      if (dataDir) process.env.FACTORY_DATA_DIR = dataDir;
      const templatesDir = command.opts().templatesDir as string | undefined;
      if (templatesDir) process.env.FACTORY_TEMPLATES_DIR = templatesDir;
    })
    .showHelpAfterError('(run `factory --help` for usage)')
    .exitOverride((error) => {
      // Help and version are successes; any other usage error means bad input.
      const ok =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      process.exit(ok ? EXIT.ok : EXIT.invalidInput);
    });
  registerCreate(program);
  registerManageCommands(program);
  registerServiceCommands(program);
  registerDoctorCommand(program);
  registerAnalyticsCommand(program);
  registerDeployCommands(program);
  registerEvolveCommands(program);
  registerUpgradeCommand(program);
  return program;
}

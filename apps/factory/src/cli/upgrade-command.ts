import { parseInput, StartupRef } from '@startup-factory/contracts';
import type { Command } from 'commander';
import { projectUpgraderFor } from '../evolution/project-upgrader';
import { assertSelection, formatUpgradeReport, upgradeStartups } from '../evolution/upgrade';
import { EXIT } from './exit-codes';
import { emit } from './output';
import { type GlobalOptions, reportError, withFactory } from './run-action';

/**
 * `factory upgrade <startup>… | --all [--dry-run]`: re-renders startups made on an older template
 * version on the installed one. Exits 0 when every startup is upgraded or current (or, with
 * --dry-run, listed); 4 when any has conflicts or was refused.
 */
export function registerUpgradeCommand(program: Command): void {
  program
    .command('upgrade')
    .description(
      're-render startups made on an older template version on the installed one, keeping their edits',
    )
    .argument('[startups...]', 'startups by id or slug')
    .option('--all', 'every startup made on an older template version')
    .option('--dry-run', 'list what would be upgraded and change nothing')
    .action(async (startups: string[], options: { all?: boolean; dryRun?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      let refs: string[];
      try {
        refs = startups.map((ref) => parseInput(StartupRef, ref, 'startup reference'));
        assertSelection({ startups: refs, ...(options.all ? { all: true } : {}) });
      } catch (error) {
        reportError(error, global.verbose);
        return;
      }
      await withFactory(global, async (factory) => {
        const entries = await upgradeStartups(factory, projectUpgraderFor(factory), {
          startups: refs,
          ...(options.all ? { all: true } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
        });
        emit(global.json === true, entries, () => formatUpgradeReport(entries));
        return entries.some((e) => e.status === 'conflicts' || e.status === 'refused')
          ? EXIT.refused
          : EXIT.ok;
      });
    });
}

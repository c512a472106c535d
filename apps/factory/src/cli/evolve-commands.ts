import type { Command } from 'commander';
import { describeRollout } from '../evolution/rollout';
import { describeOutcome, historyTable } from './evolve-output';
import { EXIT } from './exit-codes';
import { readSpec } from './manage-commands';
import { emit } from './output';
import { type GlobalOptions, intOption, withStartup } from './run-action';

/** `factory evolve`, `factory history` and `factory rollback`: thin over `factory.evolution`. */
export function registerEvolveCommands(program: Command): void {
  const global = () => program.opts<GlobalOptions>();

  program
    .command('evolve <startup>')
    .description(
      'change a generated startup: shows the spec diff and the planned file and database changes and waits for approval (`factory approve <startup>` applies exactly that plan, --reject discards it); --yes merges them into your tree now (your edits kept), migrates and replaces the project only if it installs, builds, passes its tests and its health check',
    )
    .option(
      '--spec <path>',
      'the edited mvp-spec.json (renamedFrom carries a renamed field, backfill fills a new required one)',
    )
    .option(
      '--change <text>',
      'what to change, in words: the AI (offline: a reviser of common phrasings) drafts the next spec version',
    )
    .option('--yes', 'skip the approval: evolve now')
    .action(async (ref: string, options: { spec?: string; change?: string; yes?: boolean }) => {
      await withStartup(
        global(),
        ref,
        async (factory, id, spec) => {
          const summary = await factory.show(id);
          const result = await factory.evolution.evolve(id, {
            ...(spec === undefined ? {} : { spec }),
            ...(options.change === undefined ? {} : { change: options.change }),
            approved: options.yes === true,
          });
          emit(global().json === true, result, () => describeOutcome(result, summary.slug));
          return result.status === 'conflicts' ? EXIT.refused : EXIT.ok;
        },
        () => (options.spec ? readSpec(options.spec) : undefined),
      );
    });

  program
    .command('history <startup>')
    .description('list the generations of a startup: spec version, template version, migrations')
    .action(async (ref: string) => {
      await withStartup(global(), ref, async (factory, id) => {
        const generations = await factory.evolution.history(id);
        emit(global().json === true, generations, () => historyTable(generations));
        return EXIT.ok;
      });
    });

  program
    .command('rollback <startup> <generation>')
    .description(
      'return code and database to a generation (the later ones stay in the history); stop the app first unless it is deployed',
    )
    .action(async (ref: string, generation: string) => {
      await withStartup(
        global(),
        ref,
        async (factory, id, to) => {
          const result = await factory.evolution.rollback(id, to);
          emit(global().json === true, result, () =>
            [
              `rolled back to generation ${to} (recorded as generation ${result.generation.generation})`,
              result.databaseRestored
                ? `database restored; the one before is kept at ${result.databaseKeptAt}`
                : 'database left as it is (no snapshot for that generation)',
              describeRollout(result.rollout, ref),
            ].join('\n'),
          );
          return EXIT.ok;
        },
        () => intOption('<generation>')(generation),
      );
    });
}

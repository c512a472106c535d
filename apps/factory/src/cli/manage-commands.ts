import { readFileSync } from 'node:fs';
import {
  InvalidConfigError,
  type MvpSpec,
  StartupStatus,
  type ValidationIssue,
} from '@startup-factory/contracts';
import type { Command } from 'commander';
import { parseEditedSpec } from '../edited-spec';
import type { Factory } from '../factory';
import type { StartupSummary } from '../startup-summary';
import { decideEvolvePlan, decidesEvolvePlan } from './evolve-approval';
import { EXIT, exitCodeForStartup } from './exit-codes';
import { emit, startupDetails, startupTable } from './output';
import { ProgressDisplay } from './progress-display';
import { type GlobalOptions, reportError, withFactory, withStartup } from './run-action';

/** Runs a startup's pipeline in this process until it stops, with live progress. */
async function follow(factory: Factory, summary: StartupSummary): Promise<StartupSummary> {
  const progress = new ProgressDisplay(process.stderr);
  progress.attach(factory);
  progress.track(summary.id, summary.slug);
  try {
    return await factory.waitFor(summary.id);
  } finally {
    await progress.detach();
  }
}

export function registerManageCommands(program: Command): void {
  const global = () => program.opts<GlobalOptions>();

  program
    .command('list')
    .description('list startups')
    .option('--status <status...>', 'only these statuses')
    .action(async (options: { status?: string[] }) => {
      let statuses: StartupStatus[] | undefined;
      try {
        statuses = options.status?.map((s) => {
          const parsed = StartupStatus.safeParse(s);
          if (!parsed.success)
            throw new InvalidConfigError({
              message: `--status ${s} is not one of ${StartupStatus.options.join(', ')}.`,
            });
          return parsed.data;
        });
      } catch (error) {
        reportError(error, global().verbose);
        return;
      }
      await withFactory(global(), async (factory) => {
        const rows = await factory.list(statuses);
        emit(global().json === true, rows, () => startupTable(rows));
        return EXIT.ok;
      });
    });

  program
    .command('show <startup>')
    .description('show one startup (id or slug)')
    .action(async (ref: string) => {
      await withStartup(global(), ref, async (factory, id) => {
        const summary = await factory.show(id);
        emit(global().json === true, summary, () => startupDetails(summary));
        return EXIT.ok;
      });
    });

  program
    .command('resume <startup>')
    .description('continue a paused, failed or interrupted startup from its first unfinished phase')
    .action(async (ref: string) => {
      await withStartup(global(), ref, async (factory, id) => {
        const done = await follow(factory, await factory.resume(id));
        emit(global().json === true, done, () => startupDetails(done));
        return exitCodeForStartup(done);
      });
    });

  program
    .command('approve <startup>')
    .description(
      'approve the gate a startup waits at and continue (or the evolve plan it waits with: apply exactly that plan); --reject cancels it (or discards the plan) instead',
    )
    .option('--reject', 'reject and cancel the startup, or discard its evolve plan')
    .option('--spec <path>', 'replace the MVP spec with an edited mvp-spec.json before continuing')
    .action(async (ref: string, options: { reject?: boolean; spec?: string }) => {
      await withStartup(
        global(),
        ref,
        async (factory, id, spec) => {
          const summary = await factory.show(id);
          if (decidesEvolvePlan(summary.status)) {
            return decideEvolvePlan(factory, summary, {
              reject: options.reject === true,
              spec: spec !== undefined,
              json: global().json === true,
            });
          }
          const decided = await factory.approve(id, {
            ...(options.reject ? { reject: true } : {}),
            ...(spec ? { spec } : {}),
          });
          const done = options.reject ? decided : await follow(factory, decided);
          emit(global().json === true, done, () => startupDetails(done));
          return exitCodeForStartup(done);
        },
        () => (options.spec ? readSpec(options.spec) : undefined),
      );
    });

  for (const [name, description] of [
    ['pause', 'pause a startup after its current phase'],
    ['cancel', 'cancel a startup for good and release its resources'],
  ] as const) {
    program
      .command(`${name} <startup>`)
      .description(description)
      .action(async (ref: string) => {
        await withStartup(global(), ref, async (factory, id) => {
          const summary = await factory[name](id);
          emit(global().json === true, summary, () => `${summary.slug}: ${summary.status}`);
          return EXIT.ok;
        });
      });
  }

  program
    .command('delete <startup>')
    .description('delete a startup, release every resource it held and remove its folders')
    .option('--keep-files', 'keep its documents and project folder (a new startup never reuses them)')
    .action(async (ref: string, options: { keepFiles?: boolean }) => {
      await withStartup(global(), ref, async (factory, id) => {
        const summary = await factory.show(id);
        const files = await factory.delete(id, { keepFiles: options.keepFiles === true });
        emit(global().json === true, { id: summary.id, slug: summary.slug, deleted: true, ...files }, () =>
          [
            `${summary.slug}: deleted`,
            ...files.removed.map((f) => `removed ${f}`),
            ...files.kept.map((f) => `kept ${f}`),
          ].join('\n'),
        );
        return EXIT.ok;
      });
    });

  program
    .command('templates')
    .description('list the project templates (the shipped ones and those in --templates-dir), or check one')
    .option(
      '--validate <name>',
      'list every problem of one template instead (bad JSON, defaults that do not render, ...)',
    )
    .action(async (options: { validate?: string }) => {
      await withFactory(global(), async (factory) => {
        if (options.validate) {
          const result = await factory.validateTemplate(options.validate);
          const where = (i: ValidationIssue) =>
            [
              i.file,
              i.line !== undefined ? `line ${i.line}` : '',
              i.column !== undefined ? `column ${i.column}` : '',
              i.key ? `key ${i.key}` : '',
            ]
              .filter(Boolean)
              .join(', ');
          emit(global().json === true, result, () =>
            result.valid
              ? `${options.validate}: no problems found${result.warnings.length ? ` (${result.warnings.map((w) => w.message).join('; ')})` : ''}`
              : result.errors
                  .map((i) => `${i.code}${where(i) ? ` (${where(i)})` : ''}: ${i.message}`)
                  .join('\n'),
          );
          return result.valid ? EXIT.ok : EXIT.invalidInput;
        }
        const templates = await factory.templates();
        emit(global().json === true, templates, () =>
          templates
            .map(
              (t) => `${t.name.padEnd(14)} ${t.version.padEnd(8)} ${t.framework.padEnd(10)} ${t.description}`,
            )
            .join('\n'),
        );
        return EXIT.ok;
      });
    });
}

/** The edited spec, read and checked strictly before the data folder or the store is opened. */
export function readSpec(path: string): MvpSpec {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidConfigError({
      message: `--spec ${path} must be a readable JSON file: ${(error as Error).message}`,
    });
  }
  return parseEditedSpec(input, `MVP spec in --spec ${path}`);
}

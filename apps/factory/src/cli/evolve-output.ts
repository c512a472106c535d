import {
  backfillOf,
  describePassedSteps,
  type EvolvePlan,
  type Generation,
} from '@startup-factory/contracts';
import { describeRollout } from '../evolution/rollout';
import type { StartupEvolveResult } from '../startup-evolution';

/** The plan as a founder reads it: what the spec diff adds or changes, then files, then the migration. */
export function describePlan(plan: EvolvePlan): string {
  const { diff } = plan;
  const lines = [`Generation ${plan.fromGeneration} -> ${plan.toGeneration}`];
  for (const entity of diff.addedEntities)
    lines.push(`  + entity ${entity.name} (${entity.fields.map((f) => f.name).join(', ')})`);
  for (const { entity, field } of diff.addedFields)
    lines.push(
      `  + field ${entity}.${field.name} (${field.type}${field.required ? `, required, existing rows get ${JSON.stringify(backfillOf(field))}` : ''})`,
    );
  for (const { entity, from, to } of diff.renamedFields)
    lines.push(`  ~ field ${entity}.${from} renamed to ${to} (data kept)`);
  for (const { entity, after } of diff.changedFields)
    lines.push(`  ~ field ${entity}.${after.name}: new rules`);
  for (const ref of diff.addedReferences)
    lines.push(`  + reference ${ref.entity}.${ref.field} -> ${ref.references} (foreign key)`);
  for (const page of diff.pages.added) lines.push(`  + page ${page.path} (${page.title})`);
  for (const page of diff.pages.removed) lines.push(`  - page ${page.path} (${page.title})`);
  for (const page of diff.pages.changed) lines.push(`  ~ page ${page.path}`);
  for (const story of diff.stories.added) lines.push(`  + story: as a ${story.asA}, I want ${story.iWant}`);
  for (const story of diff.stories.removed) lines.push(`  - story: as a ${story.asA}, I want ${story.iWant}`);
  if (diff.copyChanged) lines.push('  ~ words (name, tagline, descriptions)');
  lines.push(`Files the factory changes (${plan.files.length}):`);
  for (const file of plan.files)
    lines.push(
      `  ${file.change === 'added' ? '+' : file.change === 'deleted' ? '-' : '~'} ${file.path}${file.reason ? `  (${file.reason})` : ''}`,
    );
  lines.push(
    plan.migration
      ? `Database migration ${plan.migration.file}:\n${plan.migration.sql}`
      : 'No database change.',
  );
  return lines.join('\n');
}

export function describeOutcome(result: StartupEvolveResult, slug: string): string {
  const drafted = result.specDraftedOffline
    ? 'The new spec was drafted offline (the reviser of common phrasings), not by a model: read the plan before you approve it.\n'
    : '';
  return drafted + describeResult(result, slug);
}

function describeResult(result: StartupEvolveResult, slug: string): string {
  switch (result.status) {
    case 'planned':
      return [
        describePlan(result.plan),
        `Nothing changed yet; ${slug} waits for approval of this plan: \`factory approve ${slug}\` merges, migrates and checks exactly it, \`factory approve ${slug} --reject\` discards it.`,
      ].join('\n');
    case 'conflicts':
      return [
        describePlan(result.plan),
        `${slug}: not evolved, ${result.conflicts.length} file(s) conflict with your edits:`,
        ...result.conflicts.map((c) => `  ${c}`),
        `The merge with conflict markers is in ${result.worktree} (branch ${result.branch}); your project is unchanged.`,
        'Resolve the markers (or change your edit) and evolve again.',
      ].join('\n');
    case 'evolved':
      return [
        describePlan(result.plan),
        `${slug}: generation ${result.generation.generation} ${describePassedSteps(result.gate)} and replaced the project.`,
        result.keptEdits.length > 0
          ? `Your edits kept: ${result.keptEdits.join(', ')}`
          : 'No edits of yours to keep.',
        describeRollout(result.rollout, slug),
      ].join('\n');
  }
}

export function historyTable(generations: Generation[]): string {
  if (generations.length === 0)
    return 'No generations recorded: the project was made before the factory recorded them at creation; its first `factory evolve` records generation 1.';
  return [
    'GEN  KIND      SPEC  TEMPLATE               CREATED                   MIGRATIONS',
    ...generations.map((g) =>
      [
        String(g.generation).padEnd(4),
        g.kind.padEnd(9),
        String(g.specVersion).padEnd(5),
        `${g.template}@${g.templateVersion}`.padEnd(22),
        g.createdAt.padEnd(25),
        g.migrations.join(', ') || '-',
      ].join(' '),
    ),
  ].join('\n');
}

import { relative } from 'node:path';
import { formatAiCalls, formatTextTable } from '@startup-factory/production';
import type { StartupSummary } from '../startup-summary';
import { NO_FLUTTER_SDK } from '../validation/flutter-project-validator';

/** Writes `value` as JSON when asked, else the human text. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel || '.';
};

export function startupTable(rows: StartupSummary[]): string {
  if (rows.length === 0)
    return 'No startups yet. Create one with `factory create --name … --industry … --category …`.';
  const header = ['SLUG', 'STATUS', 'PHASE', 'TEMPLATE', 'PORTS'];
  const body = rows.map((r) => [
    r.slug,
    r.status,
    `${r.phasesDone}/${r.phaseCount} ${r.phase}`,
    r.template,
    r.ports.join(','),
  ]);
  return formatTextTable(header, body);
}

/**
 * `install 12.3 s ok, build 41.0 s FAILED`: each validation step with its duration and outcome; a step
 * that did not run at all reads `install skipped (<why>)`, never `ok`.
 */
export function validationSteps(
  steps: Array<{ name: string; ok: boolean; durationMs: number; notRun?: string; skipped?: string[] }>,
): string {
  return steps
    .map((step) => {
      if (step.notRun !== undefined) return `${step.name} skipped (${step.notRun})`;
      const skipped = step.skipped?.length ? ` (skipped: ${step.skipped.join('; ')})` : '';
      return `${step.name} ${seconds(step.durationMs)} ${step.ok ? 'ok' : 'FAILED'}${skipped}`;
    })
    .join(', ');
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Why the factory did not build a generated Flutter app here, or null when it did (or the
 * project is not a Flutter app): its validation only checked the structure, failed, or never ran.
 */
export function flutterNotBuilt(s: StartupSummary): string | null {
  if (s.toolchain !== 'flutter') return null;
  const validation = s.validation;
  if (!validation) return 'validation did not run';
  if (validation.notBuilt) return validation.notBuilt;
  return validation.ok ? null : 'its checks failed';
}

const FLUTTER_BUILD = 'flutter pub get && flutter analyze && flutter test && flutter run';

export function startupDetails(s: StartupSummary): string {
  const notBuilt = flutterNotBuilt(s);
  const progress =
    s.phase !== 'done'
      ? `, at ${s.phase}`
      : notBuilt
        ? ` (Flutter app not built: ${notBuilt === NO_FLUTTER_SDK ? 'no SDK' : notBuilt})`
        : ', all done';
  const lines = [
    `${s.name} (${s.slug})`,
    `  id:        ${s.id}`,
    `  status:    ${s.status}, ${s.phasesDone}/${s.phaseCount} phases${progress}`,
    `  template:  ${s.template}`,
    `  resources: ports ${s.ports.join(', ') || '-'}, ${s.memoryMb ?? '-'} MB, schema ${s.databaseNamespace ?? '-'}`,
    `  docs:      ${shown(s.folder)}`,
  ];
  if (s.projectDir) {
    lines.push(`  project:   ${shown(s.projectDir)}`);
    const port = s.ports[0] === undefined ? '' : `PORT=${s.ports[0]} `;
    if (s.validation && !s.validation.skipped)
      lines.push(`  checks:    ${validationSteps(s.validation.steps)}`);
    if (notBuilt) {
      const checked = s.validation?.steps.some((step) => step.name === 'structure' && step.ok);
      lines.push(
        `  build it:  Flutter app not built here (${notBuilt})${checked ? ': structure checked' : ''}; to build: cd ${shown(s.projectDir)} && ${FLUTTER_BUILD}`,
      );
    } else if (s.toolchain === 'flutter') {
      lines.push(`  start it:  cd ${shown(s.projectDir)} && flutter run`);
    } else {
      lines.push(
        `  start it:  cd ${shown(s.projectDir)} && npm install && npm run build && ${port}npm start`,
      );
    }
    if (s.firstAccount) lines.push(`  accounts:  ${s.firstAccount}`);
    if (s.deploy) {
      const manifests = s.deploy.files.filter((f) => f.startsWith('deploy')).length;
      lines.push(
        `  deploy:    factory deploy ${s.slug}  (behind the proxy on port ${s.ports[0] ?? '-'}; Dockerfile and ${manifests} Kubernetes manifests in the project)`,
      );
    }
  }
  // Per phase as recorded on each call: retries, re-asks, fallbacks, kept provider/model, cost.
  for (const [i, { phase, ...calls }] of s.ai.phases.entries())
    lines.push(`  ${(i === 0 ? 'ai calls:' : '').padEnd(11)}${phase}: ${formatAiCalls(calls)}`);
  if (s.ai.phases.length > 1) lines.push(`  ${''.padEnd(11)}total: ${formatAiCalls(s.ai.total)}`);
  if (s.draftedOffline.length > 0)
    lines.push(
      `  ai:        drafted offline, not by a model (${s.draftedOffline.join(', ')}); set OPENAI_API_KEY or ANTHROPIC_API_KEY for real drafts`,
      ...(s.genericDraft ? [`             ${s.genericDraft}`] : []),
    );
  // A failed validation step carries its log tail: keep those lines under the label.
  if (s.error)
    lines.push(`  error:     ${s.error.phase}: ${s.error.message.split('\n').join('\n             ')}`);
  if (s.error?.resumable)
    lines.push(`  resume:    factory resume ${s.slug} (a back end was down; nothing is lost)`);
  if (s.status === 'awaiting_approval')
    lines.push(`  next:      factory approve ${s.slug}  (or --reject, or --spec edited-spec.json)`);
  return lines.join('\n');
}

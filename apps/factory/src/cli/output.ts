import { relative } from 'node:path';
import { formatTextTable } from '@startup-factory/production';
import type { StartupSummary } from '../startup-summary';

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

export function startupDetails(s: StartupSummary): string {
  const lines = [
    `${s.name} (${s.slug})`,
    `  id:        ${s.id}`,
    `  status:    ${s.status}, ${s.phasesDone}/${s.phaseCount} phases, ${s.phase === 'done' ? 'all done' : `at ${s.phase}`}`,
    `  template:  ${s.template}`,
    `  resources: ports ${s.ports.join(', ') || '-'}, ${s.memoryMb ?? '-'} MB, schema ${s.databaseNamespace ?? '-'}`,
    `  docs:      ${shown(s.folder)}`,
  ];
  if (s.projectDir) {
    lines.push(`  project:   ${shown(s.projectDir)}`);
    const port = s.ports[0] === undefined ? '' : `PORT=${s.ports[0]} `;
    lines.push(`  start it:  cd ${shown(s.projectDir)} && npm install && npm run build && ${port}npm start`);
    if (s.deploy) {
      const manifests = s.deploy.files.filter((f) => f.startsWith('deploy')).length;
      lines.push(
        `  deploy:    factory deploy ${s.slug}  (behind the proxy on port ${s.ports[0] ?? '-'}; Dockerfile and ${manifests} Kubernetes manifests in the project)`,
      );
    }
  }
  if (s.error) lines.push(`  error:     ${s.error.phase}: ${s.error.message}`);
  if (s.status === 'awaiting_approval')
    lines.push(`  next:      factory approve ${s.slug}  (or --reject, or --spec edited-spec.json)`);
  return lines.join('\n');
}

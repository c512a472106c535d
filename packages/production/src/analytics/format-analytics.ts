import type { Analytics, AnalyticsRow } from './compute-analytics';

const COLUMNS: Array<[string, keyof AnalyticsRow]> = [
  ['scope', 'scope'],
  ['key', 'key'],
  ['name', 'name'],
  ['runs', 'runs'],
  ['calls', 'calls'],
  ['time_ms', 'timeMs'],
  ['cost_usd', 'costUsd'],
  ['input_tokens', 'inputTokens'],
  ['output_tokens', 'outputTokens'],
  ['retries', 'retries'],
  ['reasks', 'reasks'],
  ['fallbacks', 'fallbacks'],
  ['models', 'models'],
  ['quality', 'quality'],
  ['success_rate', 'successRate'],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (= + - @ tab, CR) gets a leading apostrophe.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The per-startup, per-phase and per-provider rows as one CSV table with a header line. */
export function analyticsToCsv(analytics: Analytics): string {
  const rows = [...analytics.startups, ...analytics.phases, ...analytics.providers];
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, k]) => csvField(row[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function analyticsToJson(analytics: Analytics): string {
  return `${JSON.stringify(analytics, null, 2)}\n`;
}

const pct = (n: number | null) => (n === null ? '-' : `${Math.round(n * 100)}%`);
const secs = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)}s`);
const usd = (n: number) => `$${n.toFixed(4)}`;

/** Columns padded to their widest cell, two spaces apart: the CLI's plain-text tables. */
export function formatTextTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [header, ...body]
    .map((cols) =>
      cols
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function section(title: string, rows: AnalyticsRow[], runs: string | null): string {
  if (rows.length === 0) return `${title}\n  (none yet)`;
  const header = [
    title.toUpperCase(),
    ...(runs ? [runs] : []),
    'CALLS',
    'TIME',
    'COST',
    'TOKENS IN/OUT',
    'RETRIES',
    'RE-ASKS',
    'FALLBACKS',
    'QUALITY',
    'SUCCESS',
    'MODELS',
  ];
  return formatTextTable(
    header,
    rows.map((r) => [
      r.name,
      ...(runs ? [String(r.runs)] : []),
      String(r.calls),
      secs(r.timeMs),
      usd(r.costUsd),
      `${r.inputTokens}/${r.outputTokens}`,
      String(r.retries),
      String(r.reasks),
      String(r.fallbacks),
      r.quality === null ? '-' : r.quality.toFixed(2),
      pct(r.successRate),
      r.models.join(' ') || '-',
    ]),
  );
}

/** Human tables for `factory analytics`. */
export function formatAnalyticsTable(analytics: Analytics): string {
  const mvp = analytics.timeToMvp;
  const last = analytics.routingShare.buckets.at(-1);
  return [
    section('Startup', analytics.startups, 'PHASES'),
    section('Phase', analytics.phases, 'RUNS'),
    section('Provider', analytics.providers, null),
    `Time to MVP: ${mvp.count} completed, p50 ${secs(mvp.p50Ms)}, p90 ${secs(mvp.p90Ms)}`,
    last
      ? `Routing share (${last.start}): ${Object.entries(last.share)
          .map(([p, s]) => `${p} ${pct(s)}`)
          .join(', ')}`
      : 'Routing share: no AI calls yet',
  ].join('\n\n');
}

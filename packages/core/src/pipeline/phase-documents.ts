import type {
  Architecture,
  CodeSlots,
  FounderAnalysis,
  MarketResearch,
  MvpSpec,
  PhaseName,
} from '@startup-factory/contracts';

/** A file a phase writes into the startup's folder. */
export interface PhaseDocument {
  path: string;
  kind: 'document' | 'spec';
  content: string;
}

const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
/** The marks a drafted output carries, as a quote under the title: offline, and generic when no catalogue profile fit. */
const offlineNote = (marks: { draftedOffline?: boolean; genericDraft?: string | undefined }) =>
  marks.draftedOffline
    ? `\n> Drafted offline by the deterministic offline provider; set provider keys for AI-written drafts.${marks.genericDraft ? ` ${marks.genericDraft}` : ''}\n`
    : '';
const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

function founderAnalysis(a: FounderAnalysis): string {
  return `# Founder analysis\n${offlineNote(a)}\n${a.summary}\n\n## Strengths\n\n${list(a.strengths)}\n\n## Gaps\n\n${list(a.gaps)}\n\n## Recommendations\n\n${list(a.recommendations)}\n`;
}

function marketResearch(m: MarketResearch): string {
  const competitors = m.competitors
    .map((c) => `- **${c.name}**: ${c.description} Weakness: ${c.weakness}`)
    .join('\n');
  const personas = m.personas
    .map((p) => `### ${p.name}\n\n${p.description}\n\n${list(p.painPoints)}`)
    .join('\n\n');
  const pricing = m.pricing
    .map((t) => `| ${t.tier} | ${usd(t.priceUsdMonthly)}/mo | ${t.features.join(', ')} |`)
    .join('\n');
  return `# Market research\n${offlineNote(m)}\n${m.summary}\n\n## Competitors\n\n${competitors}\n\n## Market size\n\n| TAM | SAM | SOM |\n| --- | --- | --- |\n| ${usd(m.marketSize.tamUsd)} | ${usd(m.marketSize.samUsd)} | ${usd(m.marketSize.somUsd)} |\n\n${m.marketSize.rationale}\n\n## Personas\n\n${personas}\n\n## Pricing\n\n| tier | price | features |\n| --- | --- | --- |\n${pricing}\n`;
}

function mvpSpec(s: MvpSpec): string {
  const entities = s.entities
    .map(
      (e) =>
        `### ${e.name}\n\n${e.description}\n\n| field | type | required |\n| --- | --- | --- |\n${e.fields.map((f) => `| ${f.name} | ${f.type} | ${f.required ? 'yes' : 'no'} |`).join('\n')}`,
    )
    .join('\n\n');
  const stories = s.userStories
    .map((u) => `- As ${u.asA}, I want ${u.iWant}, so that ${u.soThat}.`)
    .join('\n');
  const pages = s.pages
    .map((p) => `- \`${p.path}\` ${p.title} (${p.kind}${p.entity ? `, ${p.entity}` : ''})`)
    .join('\n');
  return `# MVP spec: ${s.name}\n${offlineNote(s)}\n${s.tagline}\n\n## Problem\n\n${s.problem}\n\n## Solution\n\n${s.solution}\n\n## Entities\n\n${entities}\n\n## User stories\n\n${stories}\n\n## Pages\n\n${pages}\n`;
}

function architecture(a: Architecture, slots: CodeSlots): string {
  const components = a.components
    .map((c) => `| ${c.name} | ${c.responsibility} | ${c.technology} |`)
    .join('\n');
  return `# Architecture\n${offlineNote(a)}\n${a.summary}\n\n## Components\n\n| component | responsibility | technology |\n| --- | --- | --- |\n${components}\n\n## Data flow\n\n${a.dataFlow}\n\n## Deployment\n\n${a.deployment}\n\n## Risks\n\n${list(a.risks)}\n\n## Product copy\n\n**${slots.headline}**: ${slots.tagline}\n`;
}

/** The files each AI phase writes, from its merged output. */
export function documentsFor(phase: PhaseName, output: unknown): PhaseDocument[] {
  switch (phase) {
    case 'founder_analysis':
      return [
        {
          path: 'docs/founder-analysis.md',
          kind: 'document',
          content: founderAnalysis(output as FounderAnalysis),
        },
      ];
    case 'market_research':
      return [
        {
          path: 'docs/market-research.md',
          kind: 'document',
          content: marketResearch(output as MarketResearch),
        },
      ];
    case 'mvp_spec':
      return [
        { path: 'mvp-spec.json', kind: 'spec', content: `${JSON.stringify(output, null, 2)}\n` },
        { path: 'docs/mvp-spec.md', kind: 'document', content: mvpSpec(output as MvpSpec) },
      ];
    case 'architecture': {
      const { architecture: arch, slots } = output as { architecture: Architecture; slots: CodeSlots };
      return [{ path: 'architecture.md', kind: 'document', content: architecture(arch, slots) }];
    }
    default:
      return [];
  }
}

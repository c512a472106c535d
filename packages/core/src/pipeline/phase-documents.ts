import type {
  Architecture,
  CodeSlots,
  FounderAnalysis,
  MarketResearch,
  MvpSpec,
  PHASE_REGISTRY,
} from '@startup-factory/contracts';
import type { AiPhaseImplementation } from './phase-implementation';
import type { AiPhaseName } from './phase-plan';

type DefaultPhase = (typeof PHASE_REGISTRY)[number];

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

/**
 * How each AI phase of the default registry renders the documents its declaration names, from its
 * merged output; the types name any declared document without a renderer.
 */
export const PHASE_DOCUMENTS = {
  founder_analysis: {
    'docs/founder-analysis.md': (output) => founderAnalysis(output as FounderAnalysis),
  },
  market_research: {
    'docs/market-research.md': (output) => marketResearch(output as MarketResearch),
  },
  mvp_spec: {
    'mvp-spec.json': (output) => `${JSON.stringify(output, null, 2)}\n`,
    'docs/mvp-spec.md': (output) => mvpSpec(output as MvpSpec),
  },
  architecture: {
    'architecture.md': (output) => {
      const { architecture: arch, slots } = output as { architecture: Architecture; slots: CodeSlots };
      return architecture(arch, slots);
    },
  },
} satisfies { [K in AiPhaseName]: AiPhaseImplementation<Extract<DefaultPhase, { name: K }>>['documents'] };

import type {
  Architecture,
  CodeSlots,
  FounderAnalysis,
  MarketResearch,
  MvpSpec,
  OutputSchemaName,
} from '@startup-factory/contracts';

const founderAnalysis: FounderAnalysis = {
  summary: 'A logistics operator building for couriers she used to manage.',
  strengths: ['Eight years running courier operations'],
  gaps: ['No engineering co-founder'],
  recommendations: ['Pilot with three local courier firms'],
  draftedOffline: true,
};

const marketResearch: MarketResearch = {
  summary: 'Small couriers plan routes by hand.',
  competitors: [
    {
      name: 'Onfleet',
      description: 'Delivery management platform.',
      weakness: 'Priced for mid-size fleets.',
    },
  ],
  marketSize: {
    tamUsd: 5_000_000_000,
    samUsd: 400_000_000,
    somUsd: 8_000_000,
    rationale: 'Courier firms with 2-20 drivers.',
  },
  personas: [
    {
      name: 'Dispatcher Dana',
      description: 'Plans 40 stops a day.',
      painPoints: ['Re-planning after cancellations'],
    },
  ],
  pricing: [{ tier: 'Starter', priceUsdMonthly: 49, features: ['5 drivers'] }],
  draftedOffline: true,
};

const mvpSpec: MvpSpec = {
  name: 'RouteMate',
  tagline: 'Routes for small couriers',
  problem: 'Dispatchers plan routes by hand.',
  solution: 'Import stops, get routes, share with drivers.',
  entities: [
    {
      name: 'Driver',
      description: 'A courier',
      fields: [{ name: 'fullName', type: 'string', required: true, description: '' }],
    },
    {
      name: 'Stop',
      description: 'A delivery stop',
      fields: [{ name: 'address', type: 'text', required: true, description: '' }],
    },
    {
      name: 'Route',
      description: 'A planned route',
      fields: [{ name: 'day', type: 'date', required: true, description: '' }],
    },
  ],
  userStories: [{ asA: 'dispatcher', iWant: 'to import stops', soThat: 'I plan faster' }],
  pages: [{ path: '/drivers', title: 'Drivers', kind: 'list', entity: 'Driver' }],
  draftedOffline: true,
};

const architecture: Architecture = {
  summary: 'A Next.js app over PostgreSQL.',
  components: [{ name: 'Web', responsibility: 'UI and API', technology: 'Next.js' }],
  dataFlow: 'Browser to route handlers to PostgreSQL.',
  deployment: 'One container per startup.',
  risks: ['Routing quality'],
  draftedOffline: true,
};

const codeSlots: CodeSlots = {
  headline: 'RouteMate',
  tagline: 'Routes in minutes',
  heroCopy: 'Plan every stop.',
  features: [{ title: 'Import', description: 'CSV import of stops' }],
  callToAction: 'Start planning',
  entityDescriptions: {},
  draftedOffline: true,
};

/** A valid output for each schema a pipeline task may name. */
export const SAMPLE_OUTPUTS: Record<OutputSchemaName, unknown> = {
  founder_analysis: founderAnalysis,
  market_research: marketResearch,
  mvp_spec: mvpSpec,
  architecture,
  code_slots: codeSlots,
};

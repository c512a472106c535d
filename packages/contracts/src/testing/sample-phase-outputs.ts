import type { OutputSchemaName } from '../schemas/phase-outputs';

/** One valid output per OUTPUT_SCHEMAS name, for fakes and mock providers. */
export const SAMPLE_PHASE_OUTPUTS: Record<OutputSchemaName, Record<string, unknown>> = {
  founder_analysis: {
    summary: 'A logistics operator building routing software.',
    strengths: ['Operations experience'],
    gaps: ['No engineering co-founder'],
    recommendations: ['Interview ten dispatchers'],
  },
  market_research: {
    summary: 'Small couriers need simple routing.',
    competitors: [
      { name: 'Onfleet', description: 'Last-mile software', weakness: 'Pricey for small fleets' },
    ],
    marketSize: { tamUsd: 1_000_000_000, samUsd: 100_000_000, somUsd: 2_000_000, rationale: 'Top-down.' },
    personas: [{ name: 'Dispatcher', description: 'Plans routes', painPoints: ['Manual planning'] }],
    pricing: [{ tier: 'Pro', priceUsdMonthly: 49, features: ['Routing'] }],
  },
  market_landscape: {
    summary: 'Small couriers need simple routing.',
    competitors: [
      { name: 'Onfleet', description: 'Last-mile software', weakness: 'Pricey for small fleets' },
    ],
  },
  market_size: {
    marketSize: { tamUsd: 1_000_000_000, samUsd: 100_000_000, somUsd: 2_000_000, rationale: 'Top-down.' },
  },
  market_personas: {
    personas: [{ name: 'Dispatcher', description: 'Plans routes', painPoints: ['Manual planning'] }],
  },
  market_pricing: { pricing: [{ tier: 'Pro', priceUsdMonthly: 49, features: ['Routing'] }] },
  mvp_spec: {
    name: 'Routely',
    tagline: 'Routes for small couriers',
    problem: 'Manual route planning.',
    solution: 'Automatic routes.',
    entities: [
      { name: 'Shipment', fields: [{ name: 'trackingCode', type: 'string' }] },
      { name: 'Driver', fields: [{ name: 'fullName', type: 'string' }] },
      { name: 'Route', fields: [{ name: 'routeDate', type: 'date' }] },
    ],
    userStories: [
      { asA: 'dispatcher', iWant: 'to plan routes', soThat: 'drivers save time', entity: 'Route' },
    ],
    pages: [{ path: '/', title: 'Home', kind: 'landing' }],
  },
  architecture: {
    summary: 'One web app and a database.',
    components: [{ name: 'Web', responsibility: 'UI and API', technology: 'Next.js' }],
    dataFlow: 'Browser to API to database.',
    deployment: 'One container.',
    risks: [],
  },
  code_slots: {
    headline: 'Routes in seconds',
    tagline: 'For small couriers',
    heroCopy: 'Plan every route automatically.',
    features: [{ title: 'Routing', description: 'Optimised stop order' }],
    callToAction: 'Start free',
  },
};

/** What the system prompt tells a model about one kind of task. */
export interface TaskBrief {
  /** Who the model is, as "a …". */
  role: string;
  /** What the answer is for and who uses it. */
  goal: string;
  /** What a good value of each output field contains, by field name, in the order to present them. */
  fields: Record<string, string>;
  /** How the answer is judged, beyond the rules every task shares. */
  judgedOn: string[];
}

const MARKET_FIELDS: Record<string, string> = {
  summary:
    'the market in 3-5 sentences: who buys, what they use today, why now, and where the opening for this startup is.',
  competitors:
    '3-6 real, named companies or products customers would otherwise use (include the manual status quo, such as spreadsheets, when that is what most use), each with what it does and one specific weakness this startup can exploit.',
  marketSize:
    'TAM >= SAM >= SOM in USD per year. `rationale` shows the arithmetic (number of buyers x annual price, or a named top-down source) and its assumptions; SOM is the share this startup could win in 3-5 years.',
  personas:
    '2-4 people who buy or use the product, named by role and context ("Dispatcher at a 10-van courier"), each with 2-4 pain points in their own terms: time lost, money, errors, risk.',
  pricing:
    '2-4 tiers with a monthly USD price and the features of each, anchored on competitor prices and what the personas can pay; the cheapest tier still solves the main pain.',
};

/** How each market-research section is judged, so a focused task is judged on its own section. */
const MARKET_JUDGED: Record<string, string> = {
  competitors:
    'Real, verifiable companies over invented ones; when unsure one exists, name the category instead ("Spreadsheets", "Generic CRMs").',
  marketSize: 'The numbers hold together: TAM >= SAM >= SOM, and the rationale reproduces them.',
  personas: 'Personas are people this startup can reach first, with pains it can remove.',
  pricing: 'Prices are plausible against the competitors named and what the personas can pay.',
};

const MARKET: TaskBrief = {
  role: 'a market analyst who sizes markets and maps competition for early-stage startups',
  goal: 'Research the market this startup enters; the MVP spec, the pricing and the landing page copy build on it.',
  fields: MARKET_FIELDS,
  judgedOn: Object.values(MARKET_JUDGED),
};

/** A decomposed market-research task: the same analyst, one section in depth. */
const marketFocus = (section: string, fields: string[]): TaskBrief => ({
  ...MARKET,
  goal: `Research the market this startup enters, focusing on ${section}; other analysts cover the other sections in parallel and the results are merged.`,
  fields: Object.fromEntries(fields.map((f) => [f, MARKET_FIELDS[f] as string])),
  judgedOn: fields.flatMap((f) => MARKET_JUDGED[f] ?? []),
});

const BRIEFS: Record<string, TaskBrief> = {
  founder_analysis: {
    role: 'a venture partner who assesses founder-market fit before investing time in a startup',
    goal: 'Assess how well this founder fits this startup, so the plan can lean on their strengths and cover their gaps.',
    fields: {
      summary:
        "3-5 sentences: who the founder is (background, years of experience, skills), how that maps onto this startup's market and customers, and the single biggest risk.",
      strengths:
        'each ties a specific part of the profile (a job, a skill, years in the industry) to something this startup needs, e.g. "8 years running dispatch: knows how couriers plan routes".',
      gaps: 'what the startup needs that the profile does not show: technical, sales, regulatory, capital, network. Name fields the founder left out of the profile as gaps rather than guessing them.',
      recommendations:
        'concrete next steps in priority order that close the gaps or use the strengths and serve the founder\'s stated goals, each with a measurable target and a timeframe ("Interview 15 dispatchers in the next 3 weeks").',
    },
    judgedOn: [
      'Every point is grounded in the founder profile and this startup; a point that would fit any founder counts against the answer.',
      'Gaps are honest; flattery is a defect.',
      'Recommendations can be acted on within 90 days.',
    ],
  },
  market_research: MARKET,
  'market_research.competitors': marketFocus('the competitors', ['summary', 'competitors']),
  'market_research.market_size': marketFocus('the market size', ['marketSize']),
  'market_research.personas': marketFocus('the personas', ['personas']),
  'market_research.pricing': marketFocus('pricing', ['pricing']),
  mvp_spec: {
    role: 'a product manager and data modeller who writes MVP specifications that code generators turn into a working app',
    goal: "Define the smallest product that removes the main persona's main pain, as data: the generators create the database tables, forms, list and detail pages and a dashboard from it.",
    fields: {
      name: 'the product name (the startup name unless the research argues for another).',
      tagline: 'under 200 characters: what it does, for whom.',
      problem: "the pain in the personas' own terms, with a number from the research where there is one.",
      solution: 'how the MVP removes that pain with the entities below; nothing the entities cannot do.',
      entities:
        '3-8 records the product keeps, PascalCase and singular ("Shipment"), each with 3-12 camelCase fields of the right type: enum with enumValues for fixed sets, number with min 0 for money, date for days, reference for belonging to another record.',
      userStories:
        '"As a <persona>, I want <an action on one entity>, so that <an outcome>", each naming the entity it acts on; cover creating, finding and updating the core records.',
      pages:
        'a landing page at "/", a dashboard, and list, detail and form pages for the core entities, with lowercase paths; each page of an entity names it.',
    },
    judgedOn: [
      'It passes validation on the first try: every reference, story and page names an entity of this spec.',
      'It is an MVP: no payments, sign-in providers or integrations unless the product cannot work without them.',
      'The entities are what the personas of the research actually track.',
    ],
  },
  spec_revision: {
    role: 'a product manager and data modeller who evolves the MVP specification of a product that is live and holds data',
    goal: "Apply the founder's change (`change` in the input) to the current MVP spec (`spec` in the input, the version the app runs now; an mvp_spec among the earlier phases may be older) and return the whole new spec version. The factory diffs the two, migrates the database and regenerates the code from it.",
    fields: {
      entities:
        'every entity of the current spec, with its fields exactly as they are (names, types, order, references), plus what the change adds: a new entity is PascalCase and singular; a new field is camelCase with the right type; a new reference names an entity of the new spec. A required field added to an existing entity carries a `default` for the rows that exist; when the change gives none, make it optional. Remove, rename or retype a field only when the change says so explicitly.',
      userStories:
        'the current stories, plus one or two for what the change adds ("As a <persona>, I want …, so that …"), each naming its entity.',
      pages:
        'the current pages, plus list and form pages for a new entity and any page the change asks for, with lowercase paths that are not taken.',
      name: 'the current name unless the change renames the product.',
      tagline: 'the current tagline unless the change alters what the product does.',
      problem: 'as it is, unless the change says otherwise.',
      solution: 'the current solution, extended by a sentence when the change adds a capability.',
    },
    judgedOn: [
      'It does what the change asks and nothing more: everything the change does not mention is carried over unchanged, since each difference becomes a migration of live data.',
      'It passes validation on the first try: every reference, story and page names an entity of the new spec.',
    ],
  },
  architecture: {
    role: 'a pragmatic software architect for early-stage products',
    goal: 'Describe how the MVP spec runs in production on a small budget, so one engineer can build and operate it.',
    fields: {
      summary: 'the shape of the system in 2-4 sentences and why it fits this stage.',
      components:
        '3-7 components (web app, API, database, background jobs, ...), each with one responsibility and a concrete technology ("PostgreSQL 16"), consistent with the startup\'s template.',
      dataFlow:
        'how one core user story of the MVP spec travels through the components, naming its entities.',
      deployment:
        "where and how it runs: containers or platform, managed database, environments, backups and CI, sized to the startup's resource requirements.",
      risks:
        'concrete technical and operational risks of this product (data loss, privacy or regulation in this industry, a named load that grows), each with its mitigation.',
    },
    judgedOn: [
      'Consistent with the MVP spec and the template; proven, boring technology over novelty.',
      'Specific about the data this product holds and the rules of its industry.',
    ],
  },
  code_slots: {
    role: 'a conversion copywriter writing the landing page of the generated app',
    goal: "Write the text that fills the generated app's landing page and entity cards.",
    fields: {
      headline: 'under 120 characters: the outcome for the main persona, in their words.',
      tagline: 'under 200 characters: who it is for and what it does with their records.',
      heroCopy: 'under 1000 characters: the problem, then how the app keeps and finds those records.',
      features:
        '3-6 features (at most 8), each something the generated app really does with the entities of the MVP spec: keep, link, list, search, sort, show on a dashboard.',
      callToAction: 'under 60 characters; it opens the dashboard.',
      entityDescriptions:
        'one entry per entity of the MVP spec, keyed by its exact name, saying in under 300 characters what that record holds for the user.',
    },
    judgedOn: [
      'Every claim is true of the generated app: no prices, trials or features it lacks.',
      'It speaks to the personas of the research in plain, specific words.',
    ],
  },
};

/**
 * The brief of a task type the factory has none for: the tasks of a phase a plugin adds (see
 * core's added phases) bring their own types and prompts, and the factory cannot know them. This is
 * a deliberate fallback, not an error: the task's own prompt says what to do and its schema what to
 * return. The factory's own task types each have a brief of their own (`hasOwnBrief`; apps/factory
 * tests that every pipeline task does), so none of them reaches this.
 */
export const GENERIC_BRIEF: TaskBrief = {
  role: 'a careful analyst helping build a startup',
  goal: 'Do the task in the user message for this startup.',
  fields: {},
  judgedOn: ['It does exactly what the task asks, for this startup, consistent with the earlier phases.'],
};

/** Whether `taskType` has a brief of its own here (not its kind's, not the generic one). */
export function hasOwnBrief(taskType: string): boolean {
  return Object.hasOwn(BRIEFS, taskType);
}

/**
 * The brief for a task type: its own; else its kind's (`market_research.swot` gets the market
 * analyst's); else GENERIC_BRIEF, for task types of phases the factory does not know.
 */
export function briefFor(taskType: string): TaskBrief {
  if (hasOwnBrief(taskType)) return BRIEFS[taskType] as TaskBrief;
  const kind = taskType.split('.')[0] ?? '';
  return hasOwnBrief(kind) ? (BRIEFS[kind] as TaskBrief) : GENERIC_BRIEF;
}

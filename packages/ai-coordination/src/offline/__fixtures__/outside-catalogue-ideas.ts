/**
 * Startup ideas outside the offline catalogue, several with an incidental catalogue word in the
 * description ("delivery", "gyms", "jobs", "shops", "invoice", "students") that must not pull the
 * draft into a catalogue industry. `entities`, where given, are the records a reader would expect.
 */
export const OUTSIDE_CATALOGUE_IDEAS: Array<{
  name: string;
  industry: string;
  category: string;
  description: string;
  entities?: string[];
}> = [
  {
    name: 'Snapwed',
    industry: 'Wedding photography',
    category: 'CRM',
    description: 'Wedding photographer CRM to track couples, shoots and albums, with album delivery dates.',
    entities: ['Couple', 'Shoot', 'Album'],
  },
  {
    name: 'HiveLog',
    industry: 'Beekeeping',
    category: 'SaaS',
    description: 'Beekeeping log for hobby beekeepers to track hives, inspections and honey harvests.',
    entities: ['Hive', 'Inspection', 'HoneyHarvest'],
  },
  {
    name: 'Cragbook',
    industry: 'Climbing',
    category: 'Community',
    description: 'Track climbing routes, gyms and ascents for boulderers.',
  },
  {
    name: 'ChoirNote',
    industry: 'Choirs',
    category: 'Community',
    description: 'Manage choir rehearsals, singers and sheet music for community choirs.',
  },
  {
    name: 'InkFlow',
    industry: 'Tattoo studios',
    category: 'B2B SaaS',
    description: 'Book tattoo sessions with artists and keep designs of each client.',
    entities: ['TattooSession', 'Artist', 'Design', 'Client'],
  },
  {
    name: 'RoomRush',
    industry: 'Escape rooms',
    category: 'B2B SaaS',
    description: 'Plan escape room bookings, rooms and game masters.',
  },
  {
    name: 'Brewday',
    industry: 'Homebrewing',
    category: 'Hobby',
    description: 'Log brews, recipes and tastings for homebrewers.',
    entities: ['Brew', 'Recipe', 'Tasting'],
  },
  {
    name: 'Plotline',
    industry: 'Community gardens',
    category: 'Nonprofit',
    description: 'Allocate garden plots to members, schedule watering shifts and record harvests.',
  },
  {
    name: 'StageHand',
    industry: 'Theatre',
    category: 'B2B SaaS',
    description: 'Run theatre productions: cast members, rehearsals, props and performances.',
  },
  {
    name: 'Quire',
    industry: 'Publishing',
    category: 'B2B SaaS',
    description: 'Small presses track manuscripts, authors, editions and print runs.',
    entities: ['Manuscript', 'Author', 'Edition', 'PrintRun'],
  },
  {
    name: 'Caskly',
    industry: 'Winemaking',
    category: 'B2B SaaS',
    description: 'Track barrels, vintages and tastings for boutique wineries.',
  },
  {
    name: 'Tunewise',
    industry: 'Music lessons',
    category: 'SaaS',
    description: 'Piano teachers schedule lessons with pupils and log practice pieces.',
  },
  {
    name: 'Lawnly',
    industry: 'Landscaping',
    category: 'Local services',
    description: 'Landscapers manage gardens, crews and mowing jobs.',
  },
  {
    name: 'Eventide',
    industry: 'Event planning',
    category: 'B2B SaaS',
    description: 'Event planners coordinate venues, vendors and guest lists for weddings.',
  },
  {
    name: 'Spokeshop',
    industry: 'Bike repair',
    category: 'Local services',
    description: 'Bike repair shops log bikes, repair tickets and spare parts.',
  },
  {
    name: 'Curio',
    industry: 'Museums',
    category: 'Nonprofit',
    description: 'Museums catalogue artifacts, exhibitions and loans.',
  },
  {
    name: 'Pirouette',
    industry: 'Dance studios',
    category: 'SaaS',
    description: 'Dance studios plan recitals, routines and costumes for dancers.',
  },
  {
    name: 'Tidewater',
    industry: 'Sailing clubs',
    category: 'Membership',
    description: 'Sailing clubs manage boats, moorings and regattas for members.',
  },
  {
    name: 'Callsheet',
    industry: 'Film production',
    category: 'B2B SaaS',
    description: 'Indie film crews schedule shoots, scenes and locations and track call sheets.',
  },
  {
    name: 'Scribe',
    industry: 'Translation agencies',
    category: 'B2B SaaS',
    description: 'Translation agencies assign documents to translators, track deadlines and invoice clients.',
  },
  {
    name: 'Joinery',
    industry: 'Furniture making',
    category: 'Crafts',
    description: 'Furniture makers track commissions, wood stock and finishing steps.',
  },
  {
    name: 'Starparty',
    industry: 'Astronomy clubs',
    category: 'Community',
    description: 'Astronomy clubs log observing sessions, telescopes and sightings.',
  },
  {
    name: 'Cellarbook',
    industry: 'Wine collecting',
    category: 'Consumer',
    description: 'Wine collectors catalogue bottles, cellars and tasting notes.',
  },
  {
    name: 'Greenroom',
    industry: 'Podcast production',
    category: 'Creator tools',
    description: 'Podcasters plan episodes, guests and sponsors.',
    entities: ['Episode', 'Guest', 'Sponsor'],
  },
  {
    name: 'Benchmark',
    industry: 'Makerspaces',
    category: 'Community',
    description: 'Makerspaces manage tools, members and equipment reservations.',
  },
  {
    name: 'Pitchside',
    industry: 'Amateur football',
    category: 'Community',
    description: 'Amateur football leagues schedule fixtures, teams and referees.',
  },
  {
    name: 'Kilnworks',
    industry: 'Pottery',
    category: 'SaaS',
    description: 'Pottery studios run classes, kilns and firings for students.',
  },
  {
    name: 'Rootfinder',
    industry: 'Genealogy',
    category: 'Consumer',
    description: 'Family historians record ancestors, marriages and census sources.',
  },
  {
    name: 'Proofly',
    industry: 'Commercial printing',
    category: 'B2B SaaS',
    description: 'Print shops take print orders, quotes and proofs from customers.',
  },
  {
    name: 'Scentful',
    industry: 'Perfumery',
    category: 'B2B SaaS',
    description: 'Independent perfumers track formulas, ingredients and batches.',
  },
  {
    name: 'Gigboard',
    industry: 'Live music',
    category: 'Marketplace',
    description: 'Bands manage gigs, venues and setlists, with ticket prices.',
  },
  {
    name: 'Lockside',
    industry: 'Canal boats',
    category: 'Consumer',
    description: 'Narrowboat owners log cruises, moorings and maintenance jobs.',
  },
  {
    name: 'Beanline',
    industry: 'Coffee roasting',
    category: 'B2B SaaS',
    description: 'Coffee roasters track green bean lots, roast profiles and wholesale accounts.',
  },
  {
    name: 'Petalpost',
    industry: 'Florists',
    category: 'B2B SaaS',
    description: 'Wedding florists plan arrangements, flower orders and venue setups for each event.',
  },
];

import { stemmer } from 'stemmer';

/**
 * What a noun of an idea stands for, which decides the fields the offline drafter gives it:
 * a person or party (name, contact), an event (when, status), money (amount, status) or a thing.
 */
export type RecordKind = 'person' | 'event' | 'money' | 'thing';

/** Words that name the product rather than a record it keeps: "a CRM for photographers". */
export const PRODUCT_WORDS = new Set([
  'app',
  'application',
  'crm',
  'erp',
  'marketplace',
  'platform',
  'portal',
  'saas',
  'software',
  'solution',
  'startup',
  'suite',
  'website',
]);

/** Words that name the product only when the idea opens with them ("a beekeeping log for ..."). */
export const OPENING_PRODUCT_WORDS = new Set([
  'assistant',
  'directory',
  'diary',
  'hub',
  'journal',
  'log',
  'notebook',
  'planner',
  'system',
  'tool',
  'tracker',
]);

/** Verbs of managing that taggers often read as nouns at the start of a phrase ("Book tattoo sessions"). */
const ACTION_VERBS = [
  'allocate',
  'assign',
  'book',
  'catalogue',
  'catalog',
  'collect',
  'coordinate',
  'help',
  'invoice',
  'keep',
  'log',
  'manage',
  'organise',
  'organize',
  'plan',
  'record',
  'rent',
  'run',
  'schedule',
  'sell',
  'share',
  'take',
  'track',
];
const ACTION_STEMS = new Set(ACTION_VERBS.map((verb) => stemmer(verb)));

export const isActionVerb = (word: string) => ACTION_STEMS.has(stemmer(word));

/** Nouns too vague to be a record on their own. */
export const VAGUE_NOUNS = new Set([
  'area',
  'business',
  'company',
  'data',
  'day',
  'detail',
  'everything',
  'help',
  'history',
  'info',
  'information',
  'kind',
  'lot',
  'month',
  'need',
  'one',
  'part',
  'people',
  'person',
  'place',
  'process',
  'product',
  'progress',
  'service',
  'status',
  'stuff',
  'thing',
  'time',
  'today',
  'track',
  'type',
  'use',
  'way',
  'week',
  'work',
  'workflow',
  'year',
]);

/**
 * Words that describe a record instead of being one: the field each adds (camelCase name and type in
 * the catalogue's field syntax). A word in front prefixes the name: "delivery dates" -> `deliveryDate`.
 */
export const ATTRIBUTE_FIELDS: Record<string, { name: string; type: string }> = {
  budget: { name: 'budgetUsd', type: 'number(0..)?' },
  capacity: { name: 'capacity', type: 'integer(0..)?' },
  cost: { name: 'costUsd', type: 'number(0..)?' },
  date: { name: 'date', type: 'date?' },
  deadline: { name: 'dueOn', type: 'date?' },
  fee: { name: 'feeUsd', type: 'number(0..)?' },
  image: { name: 'photoUrl', type: 'url?' },
  photo: { name: 'photoUrl', type: 'url?' },
  picture: { name: 'photoUrl', type: 'url?' },
  price: { name: 'priceUsd', type: 'number(0..)?' },
  pricing: { name: 'priceUsd', type: 'number(0..)?' },
  quantity: { name: 'quantity', type: 'integer(0..)?' },
  rating: { name: 'rating', type: 'integer(1..5)?' },
  review: { name: 'rating', type: 'integer(1..5)?' },
  score: { name: 'score', type: 'integer(0..)?' },
  weight: { name: 'weightKg', type: 'number(0..)?' },
};

/** People and parties: records with a name and contact details. */
const PEOPLE = new Set([
  'ancestor',
  'artist',
  'author',
  'band',
  'child',
  'choir',
  'client',
  'club',
  'contact',
  'couple',
  'crew',
  'customer',
  'dancer',
  'donor',
  'family',
  'friend',
  'guest',
  'host',
  'kid',
  'lead',
  'master',
  'member',
  'owner',
  'parent',
  'partner',
  'patient',
  'player',
  'pupil',
  'referee',
  'singer',
  'sponsor',
  'staff',
  'student',
  'supplier',
  'teacher',
  'team',
  'tenant',
  'translator',
  'vendor',
  'volunteer',
]);
/** Parties that are groups, named rather than a person's full name. */
const GROUPS = new Set([
  'band',
  'choir',
  'club',
  'couple',
  'crew',
  'family',
  'team',
  'vendor',
  'supplier',
  'partner',
]);

const EVENTS = new Set([
  'appointment',
  'ascent',
  'auction',
  'booking',
  'call',
  'ceremony',
  'class',
  'climb',
  'concert',
  'consultation',
  'cruise',
  'delivery',
  'episode',
  'event',
  'exam',
  'exhibition',
  'festival',
  'firing',
  'fitting',
  'fixture',
  'game',
  'gig',
  'harvest',
  'hike',
  'inspection',
  'interview',
  'lesson',
  'match',
  'meeting',
  'party',
  'performance',
  'pickup',
  'race',
  'recital',
  'regatta',
  'rehearsal',
  'repair',
  'reservation',
  'ride',
  'run',
  'screening',
  'session',
  'shift',
  'shoot',
  'show',
  'sighting',
  'tasting',
  'tour',
  'trip',
  'visit',
  'walk',
  'webinar',
  'wedding',
  'workout',
  'workshop',
]);

const MONEY = new Set([
  'bill',
  'deposit',
  'donation',
  'estimate',
  'expense',
  'grant',
  'invoice',
  'payment',
  'payout',
  'pledge',
  'purchase',
  'quote',
  'refund',
  'sale',
  'subscription',
]);

/** The kind of record a (singular, lowercase) head noun names; `actor` is the tagger's hint of a person. */
export function recordKind(head: string, actor: boolean): RecordKind {
  if (MONEY.has(head)) return 'money';
  if (EVENTS.has(head)) return 'event';
  // The tagger reads any -ist as a person, setlists and checklists included.
  if (PEOPLE.has(head) || (actor && !head.endsWith('list'))) return 'person';
  return 'thing';
}

/** True for a party named as a group ("couple", "team") rather than one person. */
export const isGroup = (head: string) => GROUPS.has(head);

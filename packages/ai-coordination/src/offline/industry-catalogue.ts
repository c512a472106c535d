/**
 * What the offline drafter knows about an industry. Entity fields are written compactly as
 * `name:type` with `?` for optional and `enum(a|b)` for enums; names obey the MVP spec rules.
 */
export interface IndustryProfile {
  key: string;
  /** Lowercase words that pick this profile out of a config's industry, category or description. */
  keywords: string[];
  problem: string;
  entities: Array<{ name: string; description: string; fields: string }>;
  personas: Array<{ name: string; description: string; painPoints: string[] }>;
  competitors: Array<{ name: string; description: string; weakness: string }>;
  /** Total addressable market in USD. */
  tamUsd: number;
  basePriceUsd: number;
  features: string[];
}

export const INDUSTRY_CATALOGUE: readonly IndustryProfile[] = [
  {
    key: 'healthcare',
    keywords: ['health', 'healthcare', 'medical', 'clinic', 'patient', 'care', 'wellness'],
    problem: 'Small clinics lose hours every week to phone scheduling, no-shows and paper intake forms.',
    entities: [
      {
        name: 'Patient',
        description: 'A person who books care.',
        fields: 'fullName:string, email:email, birthDate:date?, phone:string?',
      },
      {
        name: 'Appointment',
        description: 'A booked visit.',
        fields: 'startsAt:datetime, reason:text, status:enum(booked|done|cancelled|no_show)',
      },
      {
        name: 'Practitioner',
        description: 'A clinician who sees patients.',
        fields: 'fullName:string, specialty:string, acceptsNew:boolean',
      },
      {
        name: 'IntakeForm',
        description: 'Answers a patient gives before a visit.',
        fields: 'answers:text, submittedAt:datetime, reviewed:boolean',
      },
    ],
    personas: [
      {
        name: 'Clinic manager',
        description: 'Runs the front desk of a 3-10 practitioner clinic.',
        painPoints: ['No-shows cost revenue', 'Phones ring all day'],
      },
      {
        name: 'Returning patient',
        description: 'Books care for themselves and family.',
        painPoints: ['Waiting on hold to book', 'Filling the same forms twice'],
      },
    ],
    competitors: [
      {
        name: 'Zocdoc',
        description: 'Marketplace for booking doctors.',
        weakness: 'Per-booking fees that small clinics dislike',
      },
      {
        name: 'Jane App',
        description: 'Practice management for allied health.',
        weakness: 'Heavy setup for clinics that only need booking',
      },
    ],
    tamUsd: 12_000_000_000,
    basePriceUsd: 49,
    features: ['Online booking', 'Automatic reminders', 'Digital intake forms', 'No-show tracking'],
  },
  {
    key: 'fintech',
    keywords: ['fintech', 'finance', 'financial', 'bank', 'payments', 'accounting', 'invoice', 'money'],
    problem: 'Freelancers and small firms chase late invoices by hand and cannot see their cash runway.',
    entities: [
      {
        name: 'Client',
        description: 'A customer who is billed.',
        fields: 'companyName:string, email:email, paymentTermsDays:integer',
      },
      {
        name: 'Invoice',
        description: 'A bill sent to a client.',
        fields: 'invoiceNumber:string, amountUsd:number, dueDate:date, status:enum(draft|sent|paid|overdue)',
      },
      {
        name: 'Payment',
        description: 'Money received against an invoice.',
        fields: 'amountUsd:number, receivedAt:datetime, method:enum(card|transfer|cash)',
      },
      {
        name: 'Reminder',
        description: 'A follow-up sent for an unpaid invoice.',
        fields: 'sentAt:datetime, channel:enum(email|sms), note:text?',
      },
    ],
    personas: [
      {
        name: 'Freelance designer',
        description: 'Bills 5-15 clients a month.',
        painPoints: ['Late payments', 'Awkward reminder emails'],
      },
      {
        name: 'Agency owner',
        description: 'Runs a 10-person agency.',
        painPoints: ['No view of cash runway', 'Manual reconciliation'],
      },
    ],
    competitors: [
      {
        name: 'FreshBooks',
        description: 'Invoicing and accounting for small business.',
        weakness: 'Broad suite, weak automated collections',
      },
      { name: 'QuickBooks', description: 'Accounting platform.', weakness: 'Complex for freelancers' },
    ],
    tamUsd: 18_000_000_000,
    basePriceUsd: 19,
    features: ['Invoice tracking', 'Automatic reminders', 'Cash runway chart', 'Payment reconciliation'],
  },
  {
    key: 'education',
    keywords: ['education', 'edtech', 'learning', 'school', 'course', 'tutor', 'student', 'teaching'],
    problem: 'Independent tutors juggle spreadsheets to track students, lessons and progress.',
    entities: [
      {
        name: 'Student',
        description: 'A learner.',
        fields: 'fullName:string, email:email, gradeLevel:integer?',
      },
      {
        name: 'Course',
        description: 'A subject taught over several lessons.',
        fields: 'title:string, summary:text, level:enum(beginner|intermediate|advanced)',
      },
      {
        name: 'Lesson',
        description: 'One session of a course.',
        fields: 'title:string, scheduledAt:datetime, durationMinutes:integer',
      },
      {
        name: 'Assessment',
        description: 'A graded check of progress.',
        fields: 'score:number, takenAt:date, feedback:text?',
      },
    ],
    personas: [
      {
        name: 'Independent tutor',
        description: 'Teaches 20-40 students a week.',
        painPoints: ['Scheduling back-and-forth', 'Showing parents progress'],
      },
      {
        name: 'Parent',
        description: 'Pays for lessons for a child.',
        painPoints: ['No visibility of progress', 'Missed lessons'],
      },
    ],
    competitors: [
      {
        name: 'Teachable',
        description: 'Online course platform.',
        weakness: 'Built for recorded courses, not live tutoring',
      },
      { name: 'TutorBird', description: 'Tutor studio software.', weakness: 'Dated interface' },
    ],
    tamUsd: 9_000_000_000,
    basePriceUsd: 29,
    features: ['Lesson calendar', 'Progress reports', 'Course catalogue', 'Parent portal'],
  },
  {
    key: 'ecommerce',
    keywords: ['ecommerce', 'e-commerce', 'retail', 'shop', 'store', 'marketplace', 'commerce'],
    problem:
      'Small online shops lose repeat buyers because they cannot see stock and customer history together.',
    entities: [
      {
        name: 'Product',
        description: 'An item for sale.',
        fields: 'title:string, sku:string, priceUsd:number, stockCount:integer',
      },
      {
        name: 'Customer',
        description: 'A buyer.',
        fields: 'fullName:string, email:email, marketingOptIn:boolean',
      },
      {
        name: 'Purchase',
        description: 'A completed checkout.',
        fields: 'totalUsd:number, placedAt:datetime, status:enum(paid|shipped|returned)',
      },
      {
        name: 'Review',
        description: 'A customer rating of a product.',
        fields: 'rating:integer, comment:text?, publishedAt:datetime',
      },
    ],
    personas: [
      {
        name: 'Shop owner',
        description: 'Runs a niche store with 100-2,000 orders a month.',
        painPoints: ['Stock-outs', 'Low repeat purchase rate'],
      },
      {
        name: 'Repeat buyer',
        description: 'Buys a few times a year.',
        painPoints: ['Forgets the shop exists', 'Slow delivery updates'],
      },
    ],
    competitors: [
      {
        name: 'Shopify',
        description: 'Hosted store builder.',
        weakness: 'Retention tooling needs paid apps',
      },
      { name: 'WooCommerce', description: 'WordPress commerce plugin.', weakness: 'Maintenance burden' },
    ],
    tamUsd: 25_000_000_000,
    basePriceUsd: 39,
    features: ['Inventory alerts', 'Customer history', 'Review collection', 'Repeat-purchase campaigns'],
  },
  {
    key: 'logistics',
    keywords: ['logistics', 'shipping', 'delivery', 'courier', 'freight', 'fleet', 'transport'],
    problem: 'Small courier firms plan routes on paper and cannot tell customers where a parcel is.',
    entities: [
      {
        name: 'Shipment',
        description: 'A parcel to move.',
        fields: 'trackingCode:string, weightKg:number, status:enum(pending|in_transit|delivered)',
      },
      {
        name: 'Driver',
        description: 'A person who delivers.',
        fields: 'fullName:string, phone:string, active:boolean',
      },
      {
        name: 'Route',
        description: 'An ordered set of stops for a day.',
        fields: 'routeDate:date, distanceKm:number, stopCount:integer',
      },
      {
        name: 'Stop',
        description: 'One address on a route.',
        fields: 'address:string, arrivedAt:datetime?, signedBy:string?',
      },
    ],
    personas: [
      {
        name: 'Dispatcher',
        description: 'Plans routes for 5-30 drivers.',
        painPoints: ['Manual route planning', 'Customer calls asking where parcels are'],
      },
      {
        name: 'Driver',
        description: 'Delivers 40-120 parcels a day.',
        painPoints: ['Inefficient stop order', 'Paper proof of delivery'],
      },
    ],
    competitors: [
      { name: 'Onfleet', description: 'Last-mile delivery software.', weakness: 'Priced for larger fleets' },
      { name: 'Circuit', description: 'Route planner for drivers.', weakness: 'Little dispatcher tooling' },
    ],
    tamUsd: 15_000_000_000,
    basePriceUsd: 59,
    features: ['Route optimisation', 'Live tracking links', 'Proof of delivery', 'Driver app'],
  },
  {
    key: 'real_estate',
    keywords: ['real estate', 'property', 'realty', 'housing', 'rental', 'landlord', 'proptech'],
    problem: 'Small landlords track tenants, rent and repairs across texts, emails and spreadsheets.',
    entities: [
      {
        name: 'Property',
        description: 'A building or unit for rent.',
        fields: 'address:string, bedrooms:integer, monthlyRentUsd:number',
      },
      {
        name: 'Tenant',
        description: 'A person renting a property.',
        fields: 'fullName:string, email:email, leaseEnds:date',
      },
      {
        name: 'RentPayment',
        description: 'A monthly rent payment.',
        fields: 'amountUsd:number, paidOn:date, late:boolean',
      },
      {
        name: 'RepairRequest',
        description: 'A maintenance issue a tenant reports.',
        fields: 'details:text, urgency:enum(low|normal|urgent), resolved:boolean',
      },
    ],
    personas: [
      {
        name: 'Small landlord',
        description: 'Owns 2-20 rental units.',
        painPoints: ['Chasing rent', 'Repairs lost in texts'],
      },
      {
        name: 'Tenant',
        description: 'Rents a flat.',
        painPoints: ['Slow repair responses', 'No payment receipts'],
      },
    ],
    competitors: [
      {
        name: 'Buildium',
        description: 'Property management suite.',
        weakness: 'Too much for a handful of units',
      },
      { name: 'TurboTenant', description: 'Landlord software.', weakness: 'Limited maintenance workflow' },
    ],
    tamUsd: 11_000_000_000,
    basePriceUsd: 15,
    features: ['Rent tracking', 'Repair requests', 'Lease reminders', 'Tenant portal'],
  },
  {
    key: 'food',
    keywords: ['food', 'restaurant', 'hospitality', 'cafe', 'catering', 'kitchen', 'meal'],
    problem: 'Independent restaurants waste stock and lose bookings to no-shows.',
    entities: [
      {
        name: 'MenuItem',
        description: 'A dish on the menu.',
        fields: 'title:string, priceUsd:number, vegetarian:boolean',
      },
      {
        name: 'Reservation',
        description: 'A table booking.',
        fields:
          'guestName:string, partySize:integer, bookedFor:datetime, status:enum(confirmed|seated|no_show)',
      },
      {
        name: 'Ingredient',
        description: 'Stock used in dishes.',
        fields: 'title:string, unit:string, onHand:number, reorderLevel:number',
      },
      {
        name: 'Supplier',
        description: 'A vendor of ingredients.',
        fields: 'companyName:string, email:email, leadTimeDays:integer',
      },
    ],
    personas: [
      {
        name: 'Restaurant owner',
        description: 'Runs one or two 40-seat restaurants.',
        painPoints: ['Food waste', 'No-shows on busy nights'],
      },
      {
        name: 'Head chef',
        description: 'Plans menus and orders stock.',
        painPoints: ['Running out mid-service', 'Manual stock counts'],
      },
    ],
    competitors: [
      { name: 'OpenTable', description: 'Reservation network.', weakness: 'Per-cover fees' },
      {
        name: 'MarketMan',
        description: 'Restaurant inventory software.',
        weakness: 'Complex for single sites',
      },
    ],
    tamUsd: 8_000_000_000,
    basePriceUsd: 69,
    features: ['Table bookings', 'Stock levels', 'Supplier reorders', 'Menu costing'],
  },
  {
    key: 'fitness',
    keywords: ['fitness', 'gym', 'sport', 'sports', 'yoga', 'training', 'coach'],
    problem: 'Boutique studios lose members because classes, passes and progress live in separate tools.',
    entities: [
      {
        name: 'Member',
        description: 'A person with a membership.',
        fields: 'fullName:string, email:email, joinedOn:date',
      },
      {
        name: 'FitnessClass',
        description: 'A scheduled class.',
        fields: 'title:string, startsAt:datetime, capacity:integer',
      },
      {
        name: 'Booking',
        description: 'A member booked into a class.',
        fields: 'bookedAt:datetime, attended:boolean',
      },
      {
        name: 'Membership',
        description: 'A pass or plan a member holds.',
        fields: 'plan:enum(drop_in|monthly|annual), validUntil:date, priceUsd:number',
      },
    ],
    personas: [
      {
        name: 'Studio owner',
        description: 'Runs a 100-400 member studio.',
        painPoints: ['Member churn', 'Empty off-peak classes'],
      },
      {
        name: 'Member',
        description: 'Trains two to four times a week.',
        painPoints: ['Classes full', 'No view of progress'],
      },
    ],
    competitors: [
      {
        name: 'Mindbody',
        description: 'Studio management and marketplace.',
        weakness: 'Expensive and complex',
      },
      { name: 'Glofox', description: 'Gym management app.', weakness: 'Limited progress tracking' },
    ],
    tamUsd: 7_000_000_000,
    basePriceUsd: 79,
    features: ['Class schedule', 'Online booking', 'Membership plans', 'Attendance insights'],
  },
  {
    key: 'hr',
    keywords: ['hr', 'human resources', 'recruiting', 'hiring', 'talent', 'jobs', 'workforce'],
    problem: 'Small companies hire from inboxes and lose good candidates to slow replies.',
    entities: [
      {
        name: 'JobOpening',
        description: 'A role being hired for.',
        fields: 'title:string, department:string, remote:boolean, status:enum(open|paused|filled)',
      },
      {
        name: 'Candidate',
        description: 'A person applying.',
        fields: 'fullName:string, email:email, resumeUrl:url?',
      },
      {
        name: 'Application',
        description: 'A candidate applying for an opening.',
        fields: 'stage:enum(applied|screen|interview|offer|rejected), appliedAt:datetime',
      },
      {
        name: 'Interview',
        description: 'A scheduled conversation.',
        fields: 'scheduledAt:datetime, interviewer:string, rating:integer?',
      },
    ],
    personas: [
      {
        name: 'Founder hiring',
        description: 'Hires the first 5-30 employees.',
        painPoints: ['Candidates lost in email', 'No shared feedback'],
      },
      {
        name: 'Candidate',
        description: 'Applies to several startups.',
        painPoints: ['Silence after applying', 'Rescheduling interviews'],
      },
    ],
    competitors: [
      {
        name: 'Greenhouse',
        description: 'Applicant tracking system.',
        weakness: 'Priced for larger companies',
      },
      { name: 'Workable', description: 'Recruiting software.', weakness: 'Generic pipelines' },
    ],
    tamUsd: 10_000_000_000,
    basePriceUsd: 99,
    features: ['Job board', 'Candidate pipeline', 'Interview scheduling', 'Team feedback'],
  },
];

/** Used when no catalogue entry matches the startup's industry. */
export const GENERIC_PROFILE: IndustryProfile = {
  key: 'generic',
  keywords: [],
  problem: 'Teams coordinate this work by hand across email and spreadsheets, so things slip.',
  entities: [
    {
      name: 'Account',
      description: 'An organisation using the product.',
      fields: 'displayName:string, email:email, plan:enum(free|pro|team)',
    },
    {
      name: 'Project',
      description: 'A piece of work an account tracks.',
      fields: 'title:string, summary:text?, dueDate:date?',
    },
    {
      name: 'WorkItem',
      description: 'A task inside a project.',
      fields: 'title:string, status:enum(todo|doing|done), estimateHours:number?',
    },
    { name: 'Comment', description: 'A note on a work item.', fields: 'body:text, postedAt:datetime' },
  ],
  personas: [
    {
      name: 'Team lead',
      description: 'Coordinates a team of 3-15 people.',
      painPoints: ['Work falls through the cracks', 'Status meetings'],
    },
    {
      name: 'Individual contributor',
      description: 'Does the work day to day.',
      painPoints: ['Unclear priorities', 'Scattered information'],
    },
  ],
  competitors: [
    { name: 'Spreadsheets', description: 'The default tool.', weakness: 'No workflow, reminders or history' },
    {
      name: 'Generic project tools',
      description: 'Broad task managers.',
      weakness: 'Not shaped for this industry',
    },
  ],
  tamUsd: 5_000_000_000,
  basePriceUsd: 25,
  features: ['Shared workspace', 'Status tracking', 'Reminders', 'Reports'],
};

/** The catalogue entry whose keywords best match the text, or the generic profile. */
export function profileFor(...texts: string[]): IndustryProfile {
  const haystack = ` ${texts
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')} `;
  let best: IndustryProfile = GENERIC_PROFILE;
  let bestScore = 0;
  for (const profile of INDUSTRY_CATALOGUE) {
    const score = profile.keywords.filter((k) => haystack.includes(` ${k} `)).length;
    if (score > bestScore) {
      best = profile;
      bestScore = score;
    }
  }
  return best;
}

import type { IndustryProfile } from '../industry-profile';

/** Used when no catalogue entry matches the startup's industry. */
export const GENERIC_PROFILE: IndustryProfile = {
  key: 'generic',
  keywords: [],
  problem: 'Teams coordinate this work by hand across email and spreadsheets, so things slip.',
  entities: [
    {
      name: 'Account',
      description: 'An organisation using the product.',
      fields: 'displayName:string(120), email:email, plan:enum(free|pro|team)',
    },
    {
      name: 'Project',
      description: 'A piece of work an account tracks.',
      fields: 'account:ref(Account)!cascade, title:string(120), summary:text(2000)?, dueDate:date?',
    },
    {
      name: 'WorkItem',
      description: 'A task inside a project.',
      fields:
        'project:ref(Project)!cascade, title:string(120), status:enum(todo|doing|done), estimateHours:number(0..)?',
    },
    {
      name: 'Comment',
      description: 'A note on a work item.',
      fields: 'workItem:ref(WorkItem)!cascade, body:text(2000), postedAt:datetime',
    },
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

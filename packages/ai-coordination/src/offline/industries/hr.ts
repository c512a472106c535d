import type { IndustryProfile } from '../industry-profile';

export const hr: IndustryProfile = {
  key: 'hr',
  keywords: ['hr', 'human resources', 'recruiting', 'hiring', 'talent', 'jobs', 'workforce'],
  problem: 'Small companies hire from inboxes and lose good candidates to slow replies.',
  entities: [
    {
      name: 'JobOpening',
      description: 'A role being hired for.',
      fields: 'title:string(120), department:string(80), remote:boolean, status:enum(open|paused|filled)',
    },
    {
      name: 'Candidate',
      description: 'A person applying.',
      fields: 'fullName:string(120), email:email, resumeUrl:url?',
    },
    {
      name: 'Application',
      description: 'A candidate applying for an opening.',
      fields:
        'candidate:ref(Candidate)!cascade, jobOpening:ref(JobOpening), stage:enum(applied|screen|interview|offer|rejected), appliedAt:datetime',
    },
    {
      name: 'Interview',
      description: 'A scheduled conversation about an application.',
      fields:
        'application:ref(Application)!cascade, scheduledAt:datetime, interviewer:string(120), rating:integer(1..5)?',
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
};

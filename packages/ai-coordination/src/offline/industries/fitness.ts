import type { IndustryProfile } from '../industry-profile';

export const fitness: IndustryProfile = {
  key: 'fitness',
  keywords: ['fitness', 'gym', 'sport', 'sports', 'yoga', 'training', 'coach'],
  problem: 'Boutique studios lose members because classes, passes and progress live in separate tools.',
  entities: [
    {
      name: 'Member',
      description: 'A person with a membership.',
      fields: 'fullName:string(120), email:email, joinedOn:date',
    },
    {
      name: 'FitnessClass',
      description: 'A scheduled class.',
      fields: 'title:string(120), startsAt:datetime, capacity:integer(1..500)',
    },
    {
      name: 'Membership',
      description: 'A pass or plan a member holds.',
      fields:
        'member:ref(Member)!cascade, plan:enum(drop_in|monthly|annual), validUntil:date, priceUsd:number(0..)',
    },
    {
      name: 'Booking',
      description: 'A member booked into a class.',
      fields:
        'member:ref(Member)!cascade, fitnessClass:ref(FitnessClass)!cascade, bookedAt:datetime, attended:boolean',
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
};

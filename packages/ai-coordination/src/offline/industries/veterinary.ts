import type { IndustryProfile } from '../industry-profile';

export const veterinary: IndustryProfile = {
  key: 'veterinary',
  keywords: [
    'veterinary',
    'veterinarian',
    'vet',
    'vets',
    'animal',
    'animals',
    'pet',
    'pets',
    'animal clinic',
    'animal hospital',
    'animal health',
    'vet clinic',
    'veterinary clinic',
    'pet care',
    'pet health',
  ],
  problem:
    'Small veterinary practices keep pet histories in paper files and phone owners one by one about boosters and check-ups.',
  entities: [
    {
      name: 'Owner',
      description: 'A person who brings their pets to the practice.',
      fields: 'fullName:string(120), email:email, phone:string(30)?, address:string(200)?',
    },
    {
      name: 'Pet',
      description: 'An animal in the care of the practice; it belongs to one owner.',
      fields:
        'owner:ref(Owner), name:string(80), species:enum(dog|cat|rabbit|bird|reptile|other), breed:string(80)?, birthDate:date?, weightKg:number(0..500)?',
    },
    {
      name: 'Visit',
      description: 'A consultation of a pet.',
      fields:
        'pet:ref(Pet)!cascade, scheduledAt:datetime, reason:text(2000), diagnosis:text(5000)?, feeUsd:number(0..)?, status:enum(booked|done|cancelled|no_show)',
    },
    {
      name: 'Vaccination',
      description: 'A vaccine given to a pet, with the date the next dose is due.',
      fields:
        'pet:ref(Pet)!cascade, visit:ref(Visit)?, vaccine:string(120), givenOn:date, dueAgainOn:date?, batchNumber:string(40)?',
    },
  ],
  personas: [
    {
      name: 'Practice manager',
      description: 'Runs the front desk of a 2-8 vet practice.',
      painPoints: ['Owners forget booster appointments', 'Pet histories scattered across paper files'],
    },
    {
      name: 'Pet owner',
      description: 'Looks after one to three pets.',
      painPoints: ['Losing track of vaccination dates', 'Phoning to book and waiting on hold'],
    },
  ],
  competitors: [
    {
      name: 'ezyVet',
      description: 'Cloud practice management for veterinary hospitals.',
      weakness: 'Long onboarding built for large multi-site hospitals',
    },
    {
      name: 'Cornerstone',
      description: 'Long-standing veterinary practice software.',
      weakness: 'Dated, server-installed interface',
    },
    {
      name: 'PetDesk',
      description: 'Reminder and booking app for pet owners.',
      weakness: 'Needs a separate practice system for records',
    },
  ],
  tamUsd: 2_500_000_000,
  basePriceUsd: 59,
  features: ['Pet medical records', 'Vaccination reminders', 'Online booking', 'Owner portal'],
};

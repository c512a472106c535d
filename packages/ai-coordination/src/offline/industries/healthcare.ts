import type { IndustryProfile } from '../industry-profile';

export const healthcare: IndustryProfile = {
  key: 'healthcare',
  keywords: ['health', 'healthcare', 'medical', 'clinic', 'patient', 'care', 'wellness', 'dental', 'dentist'],
  problem: 'Small clinics lose hours every week to phone scheduling, no-shows and paper intake forms.',
  entities: [
    {
      name: 'Patient',
      description: 'A person who books care.',
      fields: 'fullName:string(120), email:email, birthDate:date?, phone:string(30)?',
    },
    {
      name: 'Practitioner',
      description: 'A clinician who sees patients.',
      fields: 'fullName:string(120), specialty:string(80), acceptsNew:boolean',
    },
    {
      name: 'Appointment',
      description: 'A booked visit of a patient with a practitioner.',
      fields:
        'patient:ref(Patient)!cascade, practitioner:ref(Practitioner), startsAt:datetime, reason:text(2000), status:enum(booked|done|cancelled|no_show)',
    },
    {
      name: 'IntakeForm',
      description: 'Answers a patient gives before a visit.',
      fields:
        'patient:ref(Patient)!cascade, appointment:ref(Appointment)?, answers:text(5000), submittedAt:datetime, reviewed:boolean',
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
};

import type { IndustryProfile } from '../industry-profile';

export const fintech: IndustryProfile = {
  key: 'fintech',
  keywords: ['fintech', 'finance', 'financial', 'bank', 'payments', 'accounting', 'invoice', 'money'],
  problem: 'Freelancers and small firms chase late invoices by hand and cannot see their cash runway.',
  entities: [
    {
      name: 'Client',
      description: 'A customer who is billed.',
      fields: 'companyName:string(120), email:email, paymentTermsDays:integer(0..365)',
    },
    {
      name: 'Invoice',
      description: 'A bill sent to a client.',
      fields:
        'client:ref(Client), invoiceNumber:string(40), amountUsd:number(0..), dueDate:date, status:enum(draft|sent|paid|overdue)',
    },
    {
      name: 'Payment',
      description: 'Money received against an invoice.',
      fields:
        'invoice:ref(Invoice), amountUsd:number(0..), receivedAt:datetime, method:enum(card|transfer|cash)',
    },
    {
      name: 'Reminder',
      description: 'A follow-up sent for an unpaid invoice.',
      fields: 'invoice:ref(Invoice)!cascade, sentAt:datetime, channel:enum(email|sms), note:text(1000)?',
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
};

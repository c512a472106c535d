import type { IndustryProfile } from '../industry-profile';

export const realEstate: IndustryProfile = {
  key: 'real_estate',
  keywords: ['real estate', 'property', 'realty', 'housing', 'rental', 'landlord', 'proptech'],
  problem: 'Small landlords track tenants, rent and repairs across texts, emails and spreadsheets.',
  entities: [
    {
      name: 'Property',
      description: 'A building or unit for rent.',
      fields: 'address:string(200), bedrooms:integer(0..50), monthlyRentUsd:number(0..)',
    },
    {
      name: 'Tenant',
      description: 'A person renting a property.',
      fields: 'property:ref(Property), fullName:string(120), email:email, leaseEnds:date',
    },
    {
      name: 'RentPayment',
      description: 'A monthly rent payment by a tenant.',
      fields: 'tenant:ref(Tenant), amountUsd:number(0..), paidOn:date, late:boolean',
    },
    {
      name: 'RepairRequest',
      description: 'A maintenance issue reported for a property.',
      fields:
        'property:ref(Property)!cascade, tenant:ref(Tenant)?, details:text(2000), urgency:enum(low|normal|urgent), resolved:boolean',
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
};

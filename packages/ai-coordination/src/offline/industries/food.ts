import type { IndustryProfile } from '../industry-profile';

export const food: IndustryProfile = {
  key: 'food',
  keywords: ['food', 'restaurant', 'hospitality', 'cafe', 'catering', 'kitchen', 'meal'],
  problem: 'Independent restaurants waste stock and lose bookings to no-shows.',
  entities: [
    {
      name: 'Supplier',
      description: 'A vendor of ingredients.',
      fields: 'companyName:string(120), email:email, leadTimeDays:integer(0..90)',
    },
    {
      name: 'Ingredient',
      description: 'Stock used in dishes, bought from a usual supplier.',
      fields:
        'supplier:ref(Supplier)?, title:string(120), unit:string(20), onHand:number(0..), reorderLevel:number(0..)',
    },
    {
      name: 'Reorder',
      description: 'An order of an ingredient placed with a supplier.',
      fields:
        'ingredient:ref(Ingredient)!cascade, supplier:ref(Supplier), quantity:number(0..), orderedOn:date, status:enum(requested|confirmed|received)',
    },
    {
      name: 'MenuItem',
      description: 'A dish on the menu.',
      fields: 'title:string(120), priceUsd:number(0..), vegetarian:boolean',
    },
    {
      name: 'Reservation',
      description: 'A table booking.',
      fields:
        'guestName:string(120), partySize:integer(1..50), bookedFor:datetime, status:enum(confirmed|seated|no_show)',
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
};

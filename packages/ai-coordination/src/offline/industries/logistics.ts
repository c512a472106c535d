import type { IndustryProfile } from '../industry-profile';

export const logistics: IndustryProfile = {
  key: 'logistics',
  keywords: ['logistics', 'shipping', 'delivery', 'courier', 'freight', 'fleet', 'transport'],
  problem: 'Small courier firms plan routes on paper and cannot tell customers where a parcel is.',
  entities: [
    {
      name: 'Driver',
      description: 'A person who delivers.',
      fields: 'fullName:string(120), phone:string(30), active:boolean',
    },
    {
      name: 'Route',
      description: 'An ordered set of stops a driver covers in a day.',
      fields: 'driver:ref(Driver)?, routeDate:date, distanceKm:number(0..), stopCount:integer(0..)',
    },
    {
      name: 'Shipment',
      description: 'A parcel to move, assigned to a driver once planned.',
      fields:
        'driver:ref(Driver)?, trackingCode:string(40), weightKg:number(0..), status:enum(pending|in_transit|delivered)',
    },
    {
      name: 'Stop',
      description: 'One address on a route.',
      fields:
        'route:ref(Route)!cascade, shipment:ref(Shipment)?, address:string(200), arrivedAt:datetime?, signedBy:string(120)?',
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
};

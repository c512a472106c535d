import type { IndustryProfile } from '../industry-profile';

export const ecommerce: IndustryProfile = {
  key: 'ecommerce',
  keywords: ['ecommerce', 'e-commerce', 'retail', 'shop', 'store', 'marketplace', 'commerce'],
  problem:
    'Small online shops lose repeat buyers because they cannot see stock and customer history together.',
  entities: [
    {
      name: 'Product',
      description: 'An item for sale.',
      fields: 'title:string(120), sku:string(40), priceUsd:number(0..), stockCount:integer(0..)',
    },
    {
      name: 'Customer',
      description: 'A buyer.',
      fields: 'fullName:string(120), email:email, marketingOptIn:boolean',
    },
    {
      name: 'Purchase',
      description: 'A completed checkout by a customer.',
      fields:
        'customer:ref(Customer), totalUsd:number(0..), placedAt:datetime, status:enum(paid|shipped|returned)',
    },
    {
      name: 'Review',
      description: 'A customer rating of a product.',
      fields:
        'product:ref(Product)!cascade, customer:ref(Customer)?, rating:integer(1..5), comment:text(2000)?, publishedAt:datetime',
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
};

export const plans = [
  {
    id: 'hobby',
    name: 'Hobby',
    price: 0,
    description: 'For side projects.',
    features: ['1 project', '10k requests / month', 'Community support'],
  },
  {
    id: 'pro',
    name: 'Pro',
    price: 20,
    description: 'For growing teams.',
    features: ['Unlimited projects', '1M requests / month', 'E-mail support', 'Custom domains'],
    highlighted: true,
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    price: null,
    description: 'For organisations with special needs.',
    features: ['SSO and SCIM', 'Audit logs', '99.99% SLA', 'Dedicated support'],
  },
];

export function findPlan(id) {
  return plans.find((plan) => plan.id === id) ?? null;
}

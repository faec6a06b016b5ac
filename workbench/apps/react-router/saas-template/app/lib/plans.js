export const plans = [
  { id: 'starter', name: 'Starter', monthly: 0, seats: 3, features: ['1 workspace', 'Community support'] },
  { id: 'team', name: 'Team', monthly: 29, seats: 25, features: ['Unlimited workspaces', 'SSO', 'E-mail support'] },
  { id: 'business', name: 'Business', monthly: 99, seats: 250, features: ['Audit log', 'SLA', 'Dedicated manager'] },
];

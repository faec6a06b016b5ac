export const kpis = [
  { label: 'Monthly recurring revenue', value: '$48,200', delta: 6.4 },
  { label: 'Active customers', value: '1,284', delta: 3.1 },
  { label: 'Churn', value: '1.9%', delta: -0.4 },
];

export const revenue = [
  { month: 'Jan', mrr: 31200 },
  { month: 'Feb', mrr: 33900 },
  { month: 'Mar', mrr: 36100 },
  { month: 'Apr', mrr: 39800 },
  { month: 'May', mrr: 42500 },
  { month: 'Jun', mrr: 45300 },
  { month: 'Jul', mrr: 48200 },
];

export const customers = [
  { name: 'Globex', plan: 'Enterprise', seats: 250, status: 'active' },
  { name: 'Initech', plan: 'Team', seats: 40, status: 'active' },
  { name: 'Umbrella', plan: 'Team', seats: 18, status: 'trial' },
  { name: 'Hooli', plan: 'Enterprise', seats: 900, status: 'active' },
  { name: 'Vandelay', plan: 'Starter', seats: 3, status: 'past due' },
];

export const invoices = [
  { id: 'INV-1042', customer: 'Globex', amount: 12500, paid: true },
  { id: 'INV-1043', customer: 'Initech', amount: 1600, paid: true },
  { id: 'INV-1044', customer: 'Vandelay', amount: 90, paid: false },
];

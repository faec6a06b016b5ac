export const team = [
  { name: 'Priya Natarajan', role: 'Owner', email: 'priya@example.com' },
  { name: 'Tom Becker', role: 'Admin', email: 'tom@example.com' },
  { name: 'Lucía Ortega', role: 'Member', email: 'lucia@example.com' },
];

export const stats = [
  { label: 'Active projects', value: 12 },
  { label: 'Seats used', value: '3 / 25' },
  { label: 'Events this month', value: '48.2k' },
];

export const plans = [
  { id: 'free', name: 'Free', price: 0, monitors: 5, interval: '5 min' },
  { id: 'startup', name: 'Startup', price: 29, monitors: 50, interval: '1 min' },
  { id: 'scale', name: 'Scale', price: 149, monitors: 500, interval: '30 s' },
];

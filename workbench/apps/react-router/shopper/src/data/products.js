export const products = [
  { id: 'mug', name: 'Stoneware mug', price: 18, category: 'Kitchen', blurb: 'Holds 350 ml; dishwasher safe.' },
  { id: 'tote', name: 'Canvas tote', price: 24, category: 'Bags', blurb: 'Heavy cotton canvas with an inside pocket.' },
  { id: 'lamp', name: 'Desk lamp', price: 65, category: 'Home', blurb: 'Warm LED, adjustable arm.' },
  { id: 'notebook', name: 'Dot-grid notebook', price: 12, category: 'Stationery', blurb: 'A5, 160 pages.' },
  { id: 'bottle', name: 'Steel bottle', price: 29, category: 'Kitchen', blurb: 'Keeps drinks cold for 24 hours.' },
];

export function findProduct(id) {
  return products.find((product) => product.id === id);
}

export const formatPrice = (amount) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

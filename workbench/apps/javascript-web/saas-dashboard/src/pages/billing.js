import { invoices } from '../data/metrics.js';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function billingPage(outlet) {
  const rows = invoices
    .map(
      (inv) =>
        `<tr><td>${inv.id}</td><td>${inv.customer}</td><td>${usd.format(inv.amount)}</td><td>${inv.paid ? 'Paid' : 'Open'}</td></tr>`,
    )
    .join('');
  outlet.innerHTML = `
    <h1>Billing</h1>
    <table class="card">
      <thead><tr><th>Invoice</th><th>Customer</th><th>Amount</th><th>Status</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
  `;
}

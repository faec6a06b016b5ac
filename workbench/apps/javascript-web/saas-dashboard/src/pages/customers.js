import { customers } from '../data/metrics.js';

export function customersPage(outlet) {
  outlet.innerHTML = `
    <h1>Customers</h1>
    <input class="search" type="search" placeholder="Filter by name" />
    <table class="card">
      <thead><tr><th>Name</th><th>Plan</th><th>Seats</th><th>Status</th></tr></thead>
      <tbody></tbody>
    </table>
  `;
  const body = outlet.querySelector('tbody');
  const search = outlet.querySelector('.search');

  function draw() {
    const q = search.value.trim().toLowerCase();
    body.innerHTML = customers
      .filter((c) => c.name.toLowerCase().includes(q))
      .map((c) => `<tr><td>${c.name}</td><td>${c.plan}</td><td>${c.seats}</td><td>${c.status}</td></tr>`)
      .join('');
  }

  search.addEventListener('input', draw);
  draw();
}

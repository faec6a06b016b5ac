export function kpiCard({ label, value, delta }) {
  const card = document.createElement('section');
  card.className = 'card kpi';
  const trend = delta >= 0 ? 'up' : 'down';
  card.innerHTML = `
    <h2>${label}</h2>
    <p class="value">${value}</p>
    <p class="delta ${trend}">${delta >= 0 ? '+' : ''}${delta.toFixed(1)}% vs last month</p>
  `;
  return card;
}

import { kpiCard } from '../components/kpi-card.js';
import { revenueChart } from '../components/revenue-chart.js';
import { kpis, revenue } from '../data/metrics.js';

export function overviewPage(outlet) {
  outlet.innerHTML = '<h1>Overview</h1><div class="grid"></div><section class="card chart"></section>';
  const grid = outlet.querySelector('.grid');
  for (const kpi of kpis) grid.append(kpiCard(kpi));
  return revenueChart(outlet.querySelector('.chart'), revenue);
}

import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

// Draws the monthly revenue line; returns a function that destroys the chart.
export function revenueChart(container, series) {
  const canvas = document.createElement('canvas');
  container.append(canvas);
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: series.map((point) => point.month),
      datasets: [
        {
          label: 'MRR (USD)',
          data: series.map((point) => point.mrr),
          borderColor: '#4f46e5',
          backgroundColor: 'rgba(79, 70, 229, 0.15)',
          fill: true,
          tension: 0.3,
        },
      ],
    },
    options: { responsive: true, plugins: { legend: { display: false } } },
  });
  return () => chart.destroy();
}

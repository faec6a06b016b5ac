import { useLoaderData } from 'react-router';

import { StatCard } from '../components/StatCard.jsx';
import { stats } from '../lib/team.js';

export function meta() {
  return [{ title: 'Dashboard · Launchpad' }];
}

export function loader() {
  return { stats };
}

export default function Dashboard() {
  const { stats: all } = useLoaderData();
  return (
    <>
      <h1>Dashboard</h1>
      <div className="grid">
        {all.map((stat) => (
          <StatCard key={stat.label} {...stat} />
        ))}
      </div>
    </>
  );
}

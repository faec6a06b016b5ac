import { useLoaderData } from 'react-router';

import { PlanCard } from '../components/PlanCard.jsx';
import { plans } from '../lib/plans.js';

export function meta() {
  return [{ title: 'Pricing · Launchpad' }];
}

export function loader() {
  return { plans };
}

export default function Pricing() {
  const { plans: all } = useLoaderData();
  return (
    <>
      <h1>Pricing</h1>
      <div className="grid">
        {all.map((plan) => (
          <PlanCard key={plan.id} plan={plan} />
        ))}
      </div>
    </>
  );
}

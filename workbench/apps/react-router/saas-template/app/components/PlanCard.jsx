import { Link } from 'react-router';

export function PlanCard({ plan }) {
  return (
    <section className="card plan">
      <h2>{plan.name}</h2>
      <p className="price">{plan.monthly === 0 ? 'Free' : `$${plan.monthly}/mo`}</p>
      <p className="muted">Up to {plan.seats} seats</p>
      <ul>
        {plan.features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
      <Link className="button" to={`/login?plan=${plan.id}`}>
        Choose {plan.name}
      </Link>
    </section>
  );
}

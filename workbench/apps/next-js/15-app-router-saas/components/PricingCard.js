import Link from 'next/link';

export function PricingCard({ plan }) {
  return (
    <div className={plan.highlighted ? 'card highlighted' : 'card'}>
      <h2>{plan.name}</h2>
      <p className="price">{plan.price === null ? 'Custom' : `$${plan.price}/mo`}</p>
      <p>{plan.description}</p>
      <ul>
        {plan.features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
      <Link href={plan.price === null ? '/contact' : '/dashboard'} className="button">
        {plan.price === null ? 'Contact sales' : 'Start now'}
      </Link>
    </div>
  );
}

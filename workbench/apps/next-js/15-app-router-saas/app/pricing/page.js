import { PricingCard } from '@/components/PricingCard';
import { plans } from '@/lib/plans';

export const metadata = { title: 'Pricing' };

export default function PricingPage() {
  return (
    <main className="section">
      <h1>Simple pricing</h1>
      <div className="grid three">
        {plans.map((plan) => (
          <PricingCard key={plan.id} plan={plan} />
        ))}
      </div>
    </main>
  );
}

import Link from 'next/link';

import { FeatureGrid } from '@/components/FeatureGrid';

export default function HomePage() {
  return (
    <main>
      <section className="hero">
        <h1>Deploy on Friday. Sleep on Saturday.</h1>
        <p>Nimbus builds, hosts and scales your web apps so your team can ship.</p>
        <div className="actions">
          <Link href="/pricing" className="button">
            See pricing
          </Link>
          <Link href="/dashboard" className="button secondary">
            Open the dashboard
          </Link>
        </div>
      </section>
      <FeatureGrid />
    </main>
  );
}

import { Link } from 'react-router';

export function meta() {
  return [
    { title: 'Launchpad · Ship your SaaS faster' },
    { name: 'description', content: 'A React Router v7 SaaS starter.' },
  ];
}

export default function Home() {
  return (
    <section className="hero">
      <h1>Ship your SaaS faster</h1>
      <p>Auth, billing pages, a team screen and a dashboard, all on React Router v7.</p>
      <Link to="/pricing" className="button">
        See pricing
      </Link>
    </section>
  );
}

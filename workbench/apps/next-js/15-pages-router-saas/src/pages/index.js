import Link from 'next/link';

import { Layout } from '@/components/Layout';
import { NewsletterForm } from '@/components/NewsletterForm';

export default function Home() {
  return (
    <Layout>
      <section style={{ textAlign: 'center', padding: '3rem 0' }}>
        <h1 style={{ fontSize: '2.5rem' }}>Status pages that update themselves</h1>
        <p>Beacon checks your endpoints every minute and tells your users before they tell you.</p>
        <p>
          <Link href="/pricing">See pricing</Link> or <Link href="/blog">read the blog</Link>.
        </p>
        <NewsletterForm />
      </section>
    </Layout>
  );
}

import { Layout } from '@/components/Layout';
import { PlanTable } from '@/components/PlanTable';
import { plans } from '@/lib/plans';

export function getStaticProps() {
  return { props: { plans } };
}

export default function Pricing({ plans: all }) {
  return (
    <Layout title="Pricing">
      <h1>Pricing</h1>
      <PlanTable plans={all} />
    </Layout>
  );
}

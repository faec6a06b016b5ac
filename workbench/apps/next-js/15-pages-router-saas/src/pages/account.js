import { Layout } from '@/components/Layout';
import { plans } from '@/lib/plans';

// Rendered per request: a real app would read the signed-in user from a cookie here.
export function getServerSideProps({ req }) {
  const plan = plans.find((p) => p.id === 'startup');
  return {
    props: {
      account: { company: 'Initech', plan: plan.name, monitorsUsed: 17, monitorsLimit: plan.monitors },
      userAgent: req.headers['user-agent'] ?? 'unknown',
    },
  };
}

export default function Account({ account, userAgent }) {
  return (
    <Layout title="Account">
      <h1>{account.company}</h1>
      <p>
        Plan: <strong>{account.plan}</strong> — {account.monitorsUsed} of {account.monitorsLimit} monitors in use.
      </p>
      <p>
        <small>Signed in from: {userAgent}</small>
      </p>
    </Layout>
  );
}

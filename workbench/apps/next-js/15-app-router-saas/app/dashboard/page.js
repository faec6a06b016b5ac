import { UsageMeter } from '@/components/UsageMeter';
import { account } from '@/lib/account';
import { findPlan } from '@/lib/plans';

export default function DashboardPage() {
  const plan = findPlan(account.plan);
  return (
    <>
      <h1>{account.name}</h1>
      <p>
        You are on the <strong>{plan.name}</strong> plan.
      </p>
      <UsageMeter used={account.usage.requests} limit={account.usage.limit} label="Requests this month" />
      <p>{account.usage.projects} active projects.</p>
    </>
  );
}

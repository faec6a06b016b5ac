import styles from './PlanTable.module.css';

export function PlanTable({ plans }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>Plan</th>
          <th>Price</th>
          <th>Monitors</th>
          <th>Check interval</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id}>
            <td>{plan.name}</td>
            <td>{plan.price === 0 ? 'Free' : `$${plan.price}/mo`}</td>
            <td>{plan.monitors}</td>
            <td>{plan.interval}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

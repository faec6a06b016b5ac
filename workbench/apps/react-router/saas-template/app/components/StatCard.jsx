export function StatCard({ label, value }) {
  return (
    <section className="card stat">
      <p className="muted">{label}</p>
      <p className="stat-value">{value}</p>
    </section>
  );
}

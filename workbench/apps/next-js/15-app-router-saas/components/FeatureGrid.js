const features = [
  { title: 'Preview deploys', text: 'Every pull request gets its own URL.' },
  { title: 'Edge caching', text: 'Static assets are served from 30 regions.' },
  { title: 'Rollbacks', text: 'Go back to any deploy in one click.' },
];

export function FeatureGrid() {
  return (
    <section className="section grid three">
      {features.map((feature) => (
        <div key={feature.title} className="card">
          <h3>{feature.title}</h3>
          <p>{feature.text}</p>
        </div>
      ))}
    </section>
  );
}

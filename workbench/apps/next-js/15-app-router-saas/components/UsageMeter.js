export function UsageMeter({ used, limit, label }) {
  const percent = Math.min(100, Math.round((used / limit) * 100));
  return (
    <div className="meter">
      <div className="meter-label">
        <span>{label}</span>
        <span>
          {used.toLocaleString('en-US')} / {limit.toLocaleString('en-US')}
        </span>
      </div>
      <div className="meter-track">
        <div className="meter-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

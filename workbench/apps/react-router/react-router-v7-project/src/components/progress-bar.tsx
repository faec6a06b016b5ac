export function ProgressBar({ done, total }: { done: number; total: number }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="progress" aria-label={`${percent}% done`}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

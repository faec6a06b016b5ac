import Link from 'next/link';

export const metadata = { title: 'Dashboard' };

export default function DashboardLayout({ children }) {
  return (
    <div className="dashboard">
      <aside className="dash-nav">
        <Link href="/dashboard">Overview</Link>
        <Link href="/dashboard/settings">Settings</Link>
      </aside>
      <main className="dash-main">{children}</main>
    </div>
  );
}

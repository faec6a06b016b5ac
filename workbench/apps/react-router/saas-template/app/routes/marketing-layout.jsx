import { Link, NavLink, Outlet } from 'react-router';

export default function MarketingLayout() {
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Launchpad
        </Link>
        <nav>
          <NavLink to="/pricing">Pricing</NavLink>
          <NavLink to="/login">Log in</NavLink>
        </nav>
      </header>
      <main className="narrow">
        <Outlet />
      </main>
    </>
  );
}

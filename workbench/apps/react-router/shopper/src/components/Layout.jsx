import { Link, NavLink, Outlet } from 'react-router';

import { useCart } from '../context/CartContext.jsx';

export default function Layout() {
  const { count } = useCart();
  return (
    <>
      <header className="header">
        <Link to="/" className="brand">
          Shopper
        </Link>
        <nav>
          <NavLink to="/" end>
            Shop
          </NavLink>
          <NavLink to="/cart">Cart ({count})</NavLink>
        </nav>
      </header>
      <main className="main">
        <Outlet />
      </main>
      <footer className="footer">Free shipping over $50.</footer>
    </>
  );
}

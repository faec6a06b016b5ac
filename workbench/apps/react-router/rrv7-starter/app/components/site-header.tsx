import { NavLink } from 'react-router';

const links = [
  { to: '/', label: 'Home' },
  { to: '/recipes', label: 'Recipes' },
  { to: '/about', label: 'About' },
];

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container">
        <strong>Weeknight Recipes</strong>
        <nav>
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.to === '/'}>
              {link.label}
            </NavLink>
          ))}
        </nav>
      </div>
    </header>
  );
}

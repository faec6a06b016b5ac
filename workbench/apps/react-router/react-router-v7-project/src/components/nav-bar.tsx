import { NavLink, useNavigation } from 'react-router';

export function NavBar() {
  const navigation = useNavigation();
  return (
    <header className="nav">
      <NavLink to="/" end>
        Projects
      </NavLink>
      <NavLink to="/projects/new">New project</NavLink>
      <NavLink to="/about">About</NavLink>
      {navigation.state !== 'idle' && <span className="spinner">Loading…</span>}
    </header>
  );
}

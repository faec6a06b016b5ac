import { Outlet } from 'react-router';

import { NavBar } from '../components/nav-bar';

export default function RootLayout() {
  return (
    <div className="layout">
      <NavBar />
      <main>
        <Outlet />
      </main>
    </div>
  );
}

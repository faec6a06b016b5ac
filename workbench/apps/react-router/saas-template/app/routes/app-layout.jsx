import { Form, NavLink, Outlet, useLoaderData } from 'react-router';

import { requireUser } from '../lib/session.server.js';

export async function loader({ request }) {
  return { user: await requireUser(request) };
}

export default function AppLayout() {
  const { user } = useLoaderData();
  return (
    <div className="app-shell">
      <aside className="sidebar">
        <p className="brand">Launchpad</p>
        <nav>
          <NavLink to="/app" end>
            Dashboard
          </NavLink>
          <NavLink to="/app/team">Team</NavLink>
          <NavLink to="/app/settings">Settings</NavLink>
        </nav>
        <Form method="post" action="/logout">
          <p className="muted">{user.email}</p>
          <button type="submit">Log out</button>
        </Form>
      </aside>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}

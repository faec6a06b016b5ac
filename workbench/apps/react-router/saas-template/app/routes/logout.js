import { redirect } from 'react-router';

import { logOut } from '../lib/session.server.js';

export async function action({ request }) {
  return logOut(request);
}

export function loader() {
  return redirect('/');
}

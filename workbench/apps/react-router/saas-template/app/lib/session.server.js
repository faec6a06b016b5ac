import { createCookieSessionStorage, redirect } from 'react-router';

// A demo secret; a real deployment sets SESSION_SECRET.
const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__session',
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secrets: [process.env.SESSION_SECRET || 'saas-template-demo-secret'],
    secure: process.env.NODE_ENV === 'production',
  },
});

export async function getUser(request) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  return session.get('user') ?? null;
}

export async function requireUser(request) {
  const user = await getUser(request);
  if (!user) throw redirect('/login');
  return user;
}

export async function logIn(request, user) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  session.set('user', user);
  return redirect('/app', { headers: { 'Set-Cookie': await sessionStorage.commitSession(session) } });
}

export async function logOut(request) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  return redirect('/', { headers: { 'Set-Cookie': await sessionStorage.destroySession(session) } });
}

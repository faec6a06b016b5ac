import { Form, useActionData, useSearchParams } from 'react-router';

import { logIn } from '../lib/session.server.js';

export function meta() {
  return [{ title: 'Log in · Launchpad' }];
}

export async function action({ request }) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!email.includes('@') || password.length < 4) {
    return { error: 'Enter an e-mail address and a password of at least 4 characters.' };
  }
  return logIn(request, { email, plan: String(form.get('plan') || 'starter') });
}

export default function Login() {
  const actionData = useActionData();
  const [params] = useSearchParams();
  return (
    <>
      <h1>Log in</h1>
      <Form method="post" className="stacked">
        <input type="hidden" name="plan" value={params.get('plan') ?? ''} />
        <label>
          E-mail <input type="email" name="email" required />
        </label>
        <label>
          Password <input type="password" name="password" required />
        </label>
        {actionData?.error && <p className="error">{actionData.error}</p>}
        <button type="submit" className="button">
          Log in
        </button>
      </Form>
    </>
  );
}

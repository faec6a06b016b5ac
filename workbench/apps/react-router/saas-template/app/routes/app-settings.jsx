import { Form, useActionData, useNavigation } from 'react-router';

export function meta() {
  return [{ title: 'Settings · Launchpad' }];
}

export async function action({ request }) {
  const form = await request.formData();
  const workspace = String(form.get('workspace') ?? '').trim();
  if (!workspace) return { error: 'The workspace needs a name.' };
  return { saved: workspace };
}

export default function Settings() {
  const result = useActionData();
  const navigation = useNavigation();
  return (
    <>
      <h1>Settings</h1>
      <Form method="post" className="stacked">
        <label>
          Workspace name <input name="workspace" defaultValue="Acme" />
        </label>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Save
        </button>
        {result?.error && <p className="error">{result.error}</p>}
        {result?.saved && <p>Saved “{result.saved}”.</p>}
      </Form>
    </>
  );
}

import { Form, redirect, useNavigation, type ActionFunctionArgs } from 'react-router';

import { createProject } from '../data/projects';

export async function newProjectAction({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const name = String(form.get('name') ?? '').trim();
  if (!name) return { error: 'A project needs a name.' };
  const project = await createProject(name, String(form.get('description') ?? ''));
  return redirect(`/projects/${project.id}`);
}

export default function NewProject() {
  const navigation = useNavigation();
  return (
    <>
      <h1>New project</h1>
      <Form method="post" className="stacked-form">
        <label>
          Name <input name="name" required />
        </label>
        <label>
          Description <textarea name="description" rows={3} />
        </label>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Creating…' : 'Create'}
        </button>
      </Form>
    </>
  );
}

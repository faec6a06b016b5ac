import { Form, useFetcher, useLoaderData, type ActionFunctionArgs, type LoaderFunctionArgs } from 'react-router';

import { ProgressBar } from '../components/progress-bar';
import { addTask, getProject, toggleTask, type Task } from '../data/projects';

export async function projectLoader({ params }: LoaderFunctionArgs) {
  const project = await getProject(params.projectId!);
  if (!project) throw new Response('Project not found', { status: 404, statusText: 'Not Found' });
  return { project };
}

export async function projectAction({ params, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'add') {
    const title = String(form.get('title') ?? '').trim();
    if (title) await addTask(params.projectId!, title);
  } else if (intent === 'toggle') {
    await toggleTask(params.projectId!, String(form.get('taskId')));
  }
  return null;
}

function TaskRow({ task }: { task: Task }) {
  const fetcher = useFetcher();
  const done = fetcher.formData ? !task.done : task.done;
  return (
    <li className={done ? 'done' : ''}>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="toggle" />
        <input type="hidden" name="taskId" value={task.id} />
        <button type="submit" aria-label={done ? 'Mark as not done' : 'Mark as done'}>
          {done ? '☑' : '☐'}
        </button>{' '}
        {task.title}
      </fetcher.Form>
    </li>
  );
}

export default function ProjectDetail() {
  const { project } = useLoaderData<typeof projectLoader>();
  const done = project.tasks.filter((t) => t.done).length;
  return (
    <>
      <h1>{project.name}</h1>
      <p>{project.description}</p>
      <ProgressBar done={done} total={project.tasks.length} />
      <ul className="tasks">
        {project.tasks.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
      </ul>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="add" />
        <input name="title" placeholder="New task" required />
        <button type="submit">Add task</button>
      </Form>
    </>
  );
}

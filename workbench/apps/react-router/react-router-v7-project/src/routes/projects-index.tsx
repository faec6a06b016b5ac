import { Link, useLoaderData } from 'react-router';

import { ProgressBar } from '../components/progress-bar';
import { getProjects } from '../data/projects';

export async function projectsLoader() {
  return { projects: await getProjects() };
}

export default function ProjectsIndex() {
  const { projects } = useLoaderData<typeof projectsLoader>();
  return (
    <>
      <h1>Projects</h1>
      <ul className="project-list">
        {projects.map((project) => (
          <li key={project.id}>
            <Link to={`/projects/${project.id}`}>{project.name}</Link>
            <ProgressBar done={project.tasks.filter((t) => t.done).length} total={project.tasks.length} />
          </li>
        ))}
      </ul>
    </>
  );
}

export interface Task {
  id: string;
  title: string;
  done: boolean;
}

export interface Project {
  id: string;
  name: string;
  description: string;
  tasks: Task[];
}

const STORAGE_KEY = 'rr7-projects';

const seed: Project[] = [
  {
    id: 'website',
    name: 'Website relaunch',
    description: 'New landing page and docs.',
    tasks: [
      { id: 't1', title: 'Wireframes', done: true },
      { id: 't2', title: 'Copy for the pricing page', done: false },
    ],
  },
  {
    id: 'mobile',
    name: 'Mobile app',
    description: 'First release for iOS and Android.',
    tasks: [{ id: 't3', title: 'Pick a navigation library', done: false }],
  },
];

function read(): Project[] {
  const raw = localStorage.getItem(STORAGE_KEY);
  return raw ? (JSON.parse(raw) as Project[]) : structuredClone(seed);
}

function write(projects: Project[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(projects));
}

// Simulates network latency so loaders and pending UI behave like a real API.
const delay = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getProjects(): Promise<Project[]> {
  await delay();
  return read();
}

export async function getProject(id: string): Promise<Project | null> {
  await delay();
  return read().find((p) => p.id === id) ?? null;
}

export async function createProject(name: string, description: string): Promise<Project> {
  await delay();
  const projects = read();
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project';
  let id = base;
  for (let n = 2; projects.some((p) => p.id === id); n++) id = `${base}-${n}`;
  const project: Project = { id, name, description, tasks: [] };
  write([...projects, project]);
  return project;
}

export async function addTask(projectId: string, title: string): Promise<void> {
  await delay();
  const projects = read();
  const project = projects.find((p) => p.id === projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  project.tasks.push({ id: crypto.randomUUID(), title, done: false });
  write(projects);
}

export async function toggleTask(projectId: string, taskId: string): Promise<void> {
  await delay();
  const projects = read();
  const task = projects.find((p) => p.id === projectId)?.tasks.find((t) => t.id === taskId);
  if (task) task.done = !task.done;
  write(projects);
}

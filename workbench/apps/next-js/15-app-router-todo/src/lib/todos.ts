export interface Todo {
  id: string;
  title: string;
  notes: string;
  done: boolean;
  createdAt: string;
}

// In-memory store shared by the API routes and server components of one server process.
const globalStore = globalThis as unknown as { __todos?: Map<string, Todo> };
const todos = (globalStore.__todos ??= new Map<string, Todo>());

function seed(title: string, notes = ''): void {
  const todo: Todo = { id: crypto.randomUUID(), title, notes, done: false, createdAt: new Date().toISOString() };
  todos.set(todo.id, todo);
}

if (todos.size === 0) {
  seed('Try the App Router', 'Server components render the list; a client component edits it.');
  seed('Water the plants');
}

export function listTodos(): Todo[] {
  return [...todos.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function getTodo(id: string): Todo | undefined {
  return todos.get(id);
}

export function createTodo(title: string, notes = ''): Todo {
  const todo: Todo = { id: crypto.randomUUID(), title, notes, done: false, createdAt: new Date().toISOString() };
  todos.set(todo.id, todo);
  return todo;
}

export function updateTodo(id: string, changes: Partial<Pick<Todo, 'title' | 'notes' | 'done'>>): Todo | undefined {
  const todo = todos.get(id);
  if (!todo) return undefined;
  Object.assign(todo, changes);
  return todo;
}

export function deleteTodo(id: string): boolean {
  return todos.delete(id);
}

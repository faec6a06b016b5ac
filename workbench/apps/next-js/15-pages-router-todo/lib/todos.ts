export type Priority = 'low' | 'normal' | 'high';

export interface Todo {
  id: number;
  title: string;
  priority: Priority;
  done: boolean;
}

// In-memory store kept on globalThis so API routes and getServerSideProps share it.
const store = globalThis as unknown as { __pagesTodos?: { items: Todo[]; nextId: number } };
const db = (store.__pagesTodos ??= {
  items: [
    { id: 1, title: 'Read about getServerSideProps', priority: 'normal', done: true },
    { id: 2, title: 'Book the dentist', priority: 'high', done: false },
    { id: 3, title: 'Tidy the garage', priority: 'low', done: false },
  ],
  nextId: 4,
});

export const priorities: Priority[] = ['low', 'normal', 'high'];

export function listTodos(): Todo[] {
  return db.items;
}

export function findTodo(id: number): Todo | undefined {
  return db.items.find((todo) => todo.id === id);
}

export function addTodo(title: string, priority: Priority = 'normal'): Todo {
  const todo: Todo = { id: db.nextId++, title, priority, done: false };
  db.items.push(todo);
  return todo;
}

export function patchTodo(id: number, changes: Partial<Omit<Todo, 'id'>>): Todo | undefined {
  const todo = findTodo(id);
  if (todo) Object.assign(todo, changes);
  return todo;
}

export function removeTodo(id: number): boolean {
  const before = db.items.length;
  db.items = db.items.filter((todo) => todo.id !== id);
  return db.items.length < before;
}

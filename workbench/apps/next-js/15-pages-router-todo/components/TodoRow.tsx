import Link from 'next/link';

import type { Todo } from '@/lib/todos';

type Props = {
  todo: Todo;
  onChange: (todo: Todo) => void;
  onDeleted: (id: number) => void;
};

export function TodoRow({ todo, onChange, onDeleted }: Props) {
  async function toggle() {
    const res = await fetch(`/api/todos/${todo.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ done: !todo.done }),
    });
    if (res.ok) onChange((await res.json()) as Todo);
  }

  async function remove() {
    const res = await fetch(`/api/todos/${todo.id}`, { method: 'DELETE' });
    if (res.ok) onDeleted(todo.id);
  }

  return (
    <li className={`todo ${todo.done ? 'done' : ''}`}>
      <input type="checkbox" checked={todo.done} onChange={toggle} aria-label="done" />
      <Link href={`/todos/${todo.id}`}>{todo.title}</Link>
      <span className={`badge ${todo.priority}`}>{todo.priority}</span>
      <button type="button" onClick={remove} aria-label={`Delete ${todo.title}`}>
        ×
      </button>
    </li>
  );
}

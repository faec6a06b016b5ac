'use client';

import Link from 'next/link';

import type { Todo } from '@/lib/todos';

type Props = {
  todo: Todo;
  onToggle: (todo: Todo) => void;
  onRemove: (todo: Todo) => void;
};

export function TodoItem({ todo, onToggle, onRemove }: Props) {
  return (
    <li className={todo.done ? 'done' : undefined}>
      <input type="checkbox" checked={todo.done} onChange={() => onToggle(todo)} aria-label={`Toggle ${todo.title}`} />
      <Link href={`/todos/${todo.id}`}>{todo.title}</Link>
      <button type="button" className="link" onClick={() => onRemove(todo)}>
        Delete
      </button>
    </li>
  );
}

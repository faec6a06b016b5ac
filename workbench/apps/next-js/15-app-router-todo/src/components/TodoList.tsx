'use client';

import { useState, type FormEvent } from 'react';

import type { Todo } from '@/lib/todos';
import { TodoItem } from './TodoItem';

export function TodoList({ initialTodos }: { initialTodos: Todo[] }) {
  const [todos, setTodos] = useState(initialTodos);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function addTodo(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const res = await fetch('/api/todos', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (!res.ok) {
      setError(((await res.json()) as { error: string }).error);
      return;
    }
    const created = (await res.json()) as Todo;
    setTodos((current) => [...current, created]);
    setTitle('');
    setError(null);
  }

  async function toggle(todo: Todo) {
    const res = await fetch(`/api/todos/${todo.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ done: !todo.done }),
    });
    if (res.ok) {
      const updated = (await res.json()) as Todo;
      setTodos((current) => current.map((t) => (t.id === updated.id ? updated : t)));
    }
  }

  async function remove(todo: Todo) {
    const res = await fetch(`/api/todos/${todo.id}`, { method: 'DELETE' });
    if (res.ok) setTodos((current) => current.filter((t) => t.id !== todo.id));
  }

  const open = todos.filter((t) => !t.done).length;

  return (
    <section>
      <form onSubmit={addTodo} className="add-form">
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What needs doing?" />
        <button type="submit">Add</button>
      </form>
      {error && <p className="error">{error}</p>}
      <ul className="todo-list">
        {todos.map((todo) => (
          <TodoItem key={todo.id} todo={todo} onToggle={toggle} onRemove={remove} />
        ))}
      </ul>
      <p className="muted">{open} open of {todos.length}</p>
    </section>
  );
}

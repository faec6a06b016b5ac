import { useState, type FormEvent } from 'react';

import { priorities, type Priority, type Todo } from '@/lib/todos';

export function NewTodoForm({ onCreated }: { onCreated: (todo: Todo) => void }) {
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const res = await fetch('/api/todos', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, priority }),
    });
    setBusy(false);
    if (res.ok) {
      onCreated((await res.json()) as Todo);
      setTitle('');
    }
  }

  return (
    <form onSubmit={submit} className="new-todo">
      <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="New todo" required />
      <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
        {priorities.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy}>
        Add
      </button>
    </form>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getTodo } from '@/lib/todos';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const todo = getTodo((await params).id);
  return { title: todo?.title ?? 'Not found' };
}

export default async function TodoPage({ params }: Props) {
  const todo = getTodo((await params).id);
  if (!todo) notFound();

  return (
    <article>
      <Link href="/">← All todos</Link>
      <h1>{todo.title}</h1>
      <p>Status: {todo.done ? 'done' : 'open'}</p>
      <p>{todo.notes || 'No notes.'}</p>
      <p className="muted">Created {new Date(todo.createdAt).toLocaleString('en-US')}</p>
    </article>
  );
}

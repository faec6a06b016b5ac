import { NextResponse } from 'next/server';

import { createTodo, listTodos } from '@/lib/todos';

export const dynamic = 'force-dynamic';

export function GET() {
  return NextResponse.json({ todos: listTodos() });
}

export async function POST(request: Request) {
  const body = (await request.json().catch(() => ({}))) as { title?: unknown; notes?: unknown };
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (!title) return NextResponse.json({ error: 'title is required' }, { status: 400 });
  const notes = typeof body.notes === 'string' ? body.notes : '';
  return NextResponse.json(createTodo(title, notes), { status: 201 });
}

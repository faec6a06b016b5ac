import { NextResponse } from 'next/server';

import { deleteTodo, getTodo, updateTodo } from '@/lib/todos';

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const todo = getTodo((await params).id);
  return todo ? NextResponse.json(todo) : NextResponse.json({ error: 'not found' }, { status: 404 });
}

export async function PATCH(request: Request, { params }: Context) {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const changes: { title?: string; notes?: string; done?: boolean } = {};
  if (typeof body.title === 'string') changes.title = body.title;
  if (typeof body.notes === 'string') changes.notes = body.notes;
  if (typeof body.done === 'boolean') changes.done = body.done;
  const todo = updateTodo((await params).id, changes);
  return todo ? NextResponse.json(todo) : NextResponse.json({ error: 'not found' }, { status: 404 });
}

export async function DELETE(_request: Request, { params }: Context) {
  return deleteTodo((await params).id)
    ? new NextResponse(null, { status: 204 })
    : NextResponse.json({ error: 'not found' }, { status: 404 });
}

import { NextResponse } from 'next/server';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function POST(request) {
  const body = await request.json().catch(() => null);
  if (!body || typeof body.email !== 'string' || !EMAIL.test(body.email)) {
    return NextResponse.json({ error: 'a valid e-mail is required' }, { status: 400 });
  }
  if (typeof body.message !== 'string' || body.message.trim().length < 10) {
    return NextResponse.json({ error: 'the message needs at least 10 characters' }, { status: 400 });
  }
  // A real app would queue an e-mail or create a CRM lead here.
  return NextResponse.json({ ok: true, ticket: `T-${Date.now().toString(36)}` }, { status: 201 });
}

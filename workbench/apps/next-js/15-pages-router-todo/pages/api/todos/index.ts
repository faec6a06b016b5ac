import type { NextApiRequest, NextApiResponse } from 'next';

import { addTodo, listTodos, priorities, type Priority } from '@/lib/todos';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    return res.status(200).json({ todos: listTodos() });
  }
  if (req.method === 'POST') {
    const { title, priority } = req.body ?? {};
    if (typeof title !== 'string' || !title.trim()) {
      return res.status(400).json({ error: 'title is required' });
    }
    const p: Priority = priorities.includes(priority) ? priority : 'normal';
    return res.status(201).json(addTodo(title.trim(), p));
  }
  res.setHeader('Allow', 'GET, POST');
  return res.status(405).json({ error: 'method not allowed' });
}

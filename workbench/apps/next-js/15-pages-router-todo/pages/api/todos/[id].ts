import type { NextApiRequest, NextApiResponse } from 'next';

import { findTodo, patchTodo, priorities, removeTodo } from '@/lib/todos';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = Number(req.query.id);
  if (!Number.isInteger(id)) return res.status(400).json({ error: 'id must be an integer' });

  switch (req.method) {
    case 'GET': {
      const todo = findTodo(id);
      return todo ? res.status(200).json(todo) : res.status(404).json({ error: 'not found' });
    }
    case 'PATCH': {
      const { title, done, priority } = req.body ?? {};
      const todo = patchTodo(id, {
        ...(typeof title === 'string' && { title }),
        ...(typeof done === 'boolean' && { done }),
        ...(priorities.includes(priority) && { priority }),
      });
      return todo ? res.status(200).json(todo) : res.status(404).json({ error: 'not found' });
    }
    case 'DELETE':
      return removeTodo(id) ? res.status(204).end() : res.status(404).json({ error: 'not found' });
    default:
      res.setHeader('Allow', 'GET, PATCH, DELETE');
      return res.status(405).json({ error: 'method not allowed' });
  }
}

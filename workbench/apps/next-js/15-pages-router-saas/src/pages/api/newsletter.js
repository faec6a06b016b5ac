import { subscribe, subscriberCount } from '@/lib/subscribers';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function handler(req, res) {
  if (req.method === 'GET') {
    return res.status(200).json({ subscribers: subscriberCount() });
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    return res.status(405).json({ error: 'method not allowed' });
  }
  const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email)) return res.status(400).json({ error: 'Please enter a valid e-mail address.' });
  return res.status(201).json({ new: subscribe(email) });
}

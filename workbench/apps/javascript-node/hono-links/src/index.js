import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { logger } from 'hono/logger';

import links from './routes/links.js';
import redirect from './routes/redirect.js';
import home from './routes/home.js';

const app = new Hono();

app.use('*', logger());

app.get('/health', (c) => c.json({ status: 'ok' }));
app.route('/api/links', links);
app.route('/', home);
app.route('/', redirect);

app.notFound((c) => c.json({ error: 'not found' }, 404));

const port = Number(process.env.PORT) || 3000;

serve({ fetch: app.fetch, port }, (info) => {
  console.log(`hono-links listening on http://localhost:${info.port}`);
});

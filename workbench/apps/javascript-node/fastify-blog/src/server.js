import Fastify from 'fastify';

import postsApi from './routes/posts-api.js';
import pages from './routes/pages.js';
import health from './routes/health.js';

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || '0.0.0.0';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'info' } });

await app.register(health);
await app.register(pages);
await app.register(postsApi, { prefix: '/api/posts' });

try {
  await app.listen({ port, host });
} catch (err) {
  app.log.error(err);
  process.exit(1);
}

import { Hono } from 'hono';

import { addLink, allLinks, getLink, removeLink } from '../store.js';

const links = new Hono();

function isHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

links.get('/', (c) => c.json({ links: allLinks() }));

links.get('/:code', (c) => {
  const link = getLink(c.req.param('code'));
  return link ? c.json(link) : c.json({ error: 'no such link' }, 404);
});

links.post('/', async (c) => {
  const body = await c.req.json().catch(() => ({}));
  if (!isHttpUrl(body.url)) return c.json({ error: 'url must be an http(s) URL' }, 400);
  const link = addLink(body.url, body.code || undefined);
  return link ? c.json(link, 201) : c.json({ error: 'code already taken' }, 409);
});

links.delete('/:code', (c) => {
  return removeLink(c.req.param('code')) ? c.body(null, 204) : c.json({ error: 'no such link' }, 404);
});

export default links;

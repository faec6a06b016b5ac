import { Hono } from 'hono';

import { recordHit } from '../store.js';

const redirect = new Hono();

redirect.get('/:code', (c) => {
  const link = recordHit(c.req.param('code'));
  return link ? c.redirect(link.url, 302) : c.text('Unknown link', 404);
});

export default redirect;

import { Hono } from 'hono';
import { html } from 'hono/html';

import { allLinks } from '../store.js';

const home = new Hono();

home.get('/', (c) => {
  const rows = allLinks().map(
    (link) => html`<tr><td><a href="/${link.code}">/${link.code}</a></td><td>${link.url}</td><td>${link.hits}</td></tr>`,
  );
  return c.html(html`<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8" /><title>Hono Links</title></head>
      <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto">
        <h1>Short links</h1>
        <table>
          <thead><tr><th>Short</th><th>Target</th><th>Hits</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>
        <p>Create one: <code>POST /api/links {"url": "https://..."}</code></p>
      </body>
    </html>`);
});

export default home;

import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from './contacts.js';
import { readJson, sendHtml, sendJson } from './http-utils.js';

const CONTACT_PATH = /^\/api\/contacts\/([0-9a-f-]{36})$/;

function homePage() {
  const items = listContacts()
    .map((c) => `<li>${c.name} &lt;${c.email}&gt;</li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contacts</title></head>
<body style="font-family: system-ui, sans-serif"><h1>Contacts</h1><ul>${items}</ul>
<p>API: <a href="/api/contacts">/api/contacts</a></p></body></html>`;
}

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const { pathname } = url;

  if (req.method === 'GET' && pathname === '/') return sendHtml(res, 200, homePage());
  if (req.method === 'GET' && pathname === '/health') return sendJson(res, 200, { status: 'ok' });

  if (pathname === '/api/contacts') {
    if (req.method === 'GET') {
      return sendJson(res, 200, { contacts: listContacts(url.searchParams.get('q') ?? '') });
    }
    if (req.method === 'POST') {
      const body = await readJson(req);
      if (typeof body.name !== 'string' || !body.name.trim()) {
        return sendJson(res, 400, { error: 'name is required' });
      }
      return sendJson(res, 201, createContact({ ...body, name: body.name.trim() }));
    }
    return sendJson(res, 405, { error: 'method not allowed' });
  }

  const match = CONTACT_PATH.exec(pathname);
  if (match) {
    const id = match[1];
    if (req.method === 'GET') {
      const contact = getContact(id);
      return contact ? sendJson(res, 200, contact) : sendJson(res, 404, { error: 'not found' });
    }
    if (req.method === 'PATCH') {
      const contact = updateContact(id, await readJson(req));
      return contact ? sendJson(res, 200, contact) : sendJson(res, 404, { error: 'not found' });
    }
    if (req.method === 'DELETE') {
      return deleteContact(id) ? sendJson(res, 204) : sendJson(res, 404, { error: 'not found' });
    }
    return sendJson(res, 405, { error: 'method not allowed' });
  }

  return sendJson(res, 404, { error: `no route for ${req.method} ${pathname}` });
}

// The request handler given to http.createServer.
export async function handleRequest(req, res) {
  try {
    await route(req, res);
  } catch (err) {
    const status = err.status ?? 500;
    if (status >= 500) console.error(err);
    if (!res.headersSent) sendJson(res, status, { error: status >= 500 ? 'internal error' : err.message });
  }
}

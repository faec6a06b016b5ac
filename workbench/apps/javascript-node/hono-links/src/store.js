// In-memory links: a demo store that resets on restart.
const links = new Map([
  ['hono', { code: 'hono', url: 'https://hono.dev', hits: 0 }],
  ['node', { code: 'node', url: 'https://nodejs.org', hits: 0 }],
]);

const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

function newCode() {
  let code = '';
  for (let i = 0; i < 6; i++) code += alphabet[Math.floor(Math.random() * alphabet.length)];
  return links.has(code) ? newCode() : code;
}

export function allLinks() {
  return [...links.values()];
}

export function getLink(code) {
  return links.get(code) ?? null;
}

export function addLink(url, code = newCode()) {
  if (links.has(code)) return null;
  const link = { code, url, hits: 0 };
  links.set(code, link);
  return link;
}

export function removeLink(code) {
  return links.delete(code);
}

export function recordHit(code) {
  const link = links.get(code);
  if (link) link.hits += 1;
  return link ?? null;
}

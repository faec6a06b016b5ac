export function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function layout(title, content) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)} · Fastify Blog</title>
    <style>body { font-family: Georgia, serif; max-width: 40rem; margin: 2rem auto; }</style>
  </head>
  <body>
    <header><a href="/">Fastify Blog</a></header>
    <h1>${escapeHtml(title)}</h1>
    ${content}
  </body>
</html>`;
}

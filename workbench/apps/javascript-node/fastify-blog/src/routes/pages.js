import { findPost, listPosts } from '../posts.js';
import { layout, escapeHtml } from '../views/layout.js';

export default async function pages(app) {
  app.get('/', async (request, reply) => {
    const items = listPosts()
      .map((p) => `<li><a href="/posts/${p.slug}">${escapeHtml(p.title)}</a> <small>${p.publishedAt}</small></li>`)
      .join('\n');
    return reply.type('text/html').send(layout('Blog', `<ul>${items}</ul>`));
  });

  app.get('/posts/:slug', async (request, reply) => {
    const post = findPost(request.params.slug);
    if (!post) return reply.code(404).type('text/html').send(layout('Not found', '<p>No such post.</p>'));
    const body = `<article><p><small>${post.publishedAt}</small></p><p>${escapeHtml(post.body)}</p></article>`;
    return reply.type('text/html').send(layout(post.title, body));
  });
}

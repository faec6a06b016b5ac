// In-memory posts: a demo store that resets on restart.
const posts = [
  {
    slug: 'hello-fastify',
    title: 'Hello, Fastify',
    body: 'Fastify registers routes as plugins, each with its own encapsulated context.',
    publishedAt: '2025-01-10',
  },
  {
    slug: 'schemas-are-fast',
    title: 'Schemas are fast',
    body: 'Response schemas let Fastify serialise JSON without walking every object.',
    publishedAt: '2025-02-02',
  },
];

export function listPosts() {
  return [...posts].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

export function findPost(slug) {
  return posts.find((post) => post.slug === slug) ?? null;
}

export function addPost({ title, body }) {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (findPost(slug)) return null;
  const post = { slug, title, body, publishedAt: new Date().toISOString().slice(0, 10) };
  posts.push(post);
  return post;
}

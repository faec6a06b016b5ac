import { addPost, findPost, listPosts } from '../posts.js';

const post = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    publishedAt: { type: 'string' },
  },
};

export default async function postsApi(app) {
  app.get('/', { schema: { response: { 200: { type: 'array', items: post } } } }, async () => listPosts());

  app.get('/:slug', { schema: { response: { 200: post } } }, async (request, reply) => {
    const found = findPost(request.params.slug);
    if (!found) return reply.code(404).send({ error: 'post not found' });
    return found;
  });

  app.post(
    '/',
    {
      schema: {
        body: {
          type: 'object',
          required: ['title', 'body'],
          properties: { title: { type: 'string', minLength: 1 }, body: { type: 'string', minLength: 1 } },
        },
        response: { 201: post },
      },
    },
    async (request, reply) => {
      const created = addPost(request.body);
      if (!created) return reply.code(409).send({ error: 'a post with that title exists' });
      return reply.code(201).send(created);
    },
  );
}

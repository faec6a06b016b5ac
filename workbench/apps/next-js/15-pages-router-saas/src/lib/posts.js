const posts = [
  {
    slug: 'why-we-built-beacon',
    title: 'Why we built Beacon',
    date: '2025-03-04',
    body: 'Status pages should update themselves. Beacon watches your endpoints and tells your users first.',
  },
  {
    slug: 'incident-templates',
    title: 'Incident templates that calm people down',
    date: '2025-04-18',
    body: 'Say what broke, who is affected, and when you will post next. Then keep that promise.',
  },
];

export function allPosts() {
  return [...posts].sort((a, b) => b.date.localeCompare(a.date));
}

export function postBySlug(slug) {
  return posts.find((post) => post.slug === slug) ?? null;
}

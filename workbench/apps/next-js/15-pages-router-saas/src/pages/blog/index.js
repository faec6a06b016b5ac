import Link from 'next/link';

import { Layout } from '@/components/Layout';
import { allPosts } from '@/lib/posts';

export function getStaticProps() {
  return { props: { posts: allPosts().map(({ slug, title, date }) => ({ slug, title, date })) } };
}

export default function Blog({ posts }) {
  return (
    <Layout title="Blog">
      <h1>Blog</h1>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={`/blog/${post.slug}`}>{post.title}</Link> <small>{post.date}</small>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

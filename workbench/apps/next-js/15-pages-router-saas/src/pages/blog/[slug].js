import Link from 'next/link';

import { Layout } from '@/components/Layout';
import { allPosts, postBySlug } from '@/lib/posts';

export function getStaticPaths() {
  return { paths: allPosts().map((post) => ({ params: { slug: post.slug } })), fallback: false };
}

export function getStaticProps({ params }) {
  return { props: { post: postBySlug(params.slug) } };
}

export default function Post({ post }) {
  return (
    <Layout title={post.title}>
      <Link href="/blog">← Blog</Link>
      <h1>{post.title}</h1>
      <p>
        <small>{post.date}</small>
      </p>
      <p>{post.body}</p>
    </Layout>
  );
}

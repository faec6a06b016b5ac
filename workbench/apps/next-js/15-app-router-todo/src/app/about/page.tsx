import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'About' };

export default function AboutPage() {
  return (
    <>
      <h1>About</h1>
      <p>
        Next.js 15 with the App Router, TypeScript and a <code>src/</code> directory. The list is a client
        component that talks to route handlers under <code>/api/todos</code>.
      </p>
    </>
  );
}

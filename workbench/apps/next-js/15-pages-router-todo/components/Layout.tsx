import Link from 'next/link';
import type { ReactNode } from 'react';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="header">
        <nav className="container">
          <Link href="/" className="brand">
            Todos
          </Link>
          <Link href="/about">About</Link>
        </nav>
      </header>
      <main className="container">{children}</main>
    </>
  );
}

import Head from 'next/head';
import Link from 'next/link';

import styles from './Layout.module.css';

export function Layout({ title, children }) {
  const fullTitle = title ? `${title} · Beacon` : 'Beacon — status pages that update themselves';
  return (
    <>
      <Head>
        <title>{fullTitle}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <div className={styles.page}>
        <header className={styles.header}>
          <Link href="/" className={styles.brand}>
            Beacon
          </Link>
          <nav className={styles.nav}>
            <Link href="/pricing">Pricing</Link>
            <Link href="/blog">Blog</Link>
            <Link href="/account">Account</Link>
          </nav>
        </header>
        <main className={styles.main}>{children}</main>
        <footer className={styles.footer}>Beacon · uptime you can see</footer>
      </div>
    </>
  );
}

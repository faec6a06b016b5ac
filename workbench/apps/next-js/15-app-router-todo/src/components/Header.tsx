import Link from 'next/link';

export function Header() {
  return (
    <header className="header">
      <div className="container header-inner">
        <Link href="/" className="brand">
          Todos
        </Link>
        <nav>
          <Link href="/">List</Link>
          <Link href="/about">About</Link>
        </nav>
      </div>
    </header>
  );
}

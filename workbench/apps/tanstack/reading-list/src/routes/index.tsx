import { Link, createFileRoute } from '@tanstack/react-router'
import { books } from '../data/books'

export const Route = createFileRoute('/')({ component: Home })

function Home() {
  return (
    <div className="p-8">
      <h1 className="text-4xl font-bold">Reading list</h1>
      <ul className="mt-4">
        {books.map((b) => (
          <li key={b.id}>
            <Link to="/books/$bookId" params={{ bookId: b.id }}>
              {b.title}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

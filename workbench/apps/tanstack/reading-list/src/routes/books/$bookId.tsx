import { createFileRoute, notFound } from '@tanstack/react-router'
import { books } from '../../data/books'

export const Route = createFileRoute('/books/$bookId')({
  loader: ({ params }) => {
    const book = books.find((b) => b.id === params.bookId)
    if (!book) throw notFound()
    return book
  },
  component: BookPage,
})

function BookPage() {
  const book = Route.useLoaderData()
  return (
    <div className="p-8">
      <h1 className="text-2xl font-bold">{book.title}</h1>
      <p>by {book.author}</p>
    </div>
  )
}

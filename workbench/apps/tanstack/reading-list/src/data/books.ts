export type Book = { id: string; title: string; author: string }

export const books: Book[] = [
  { id: 'dune', title: 'Dune', author: 'Frank Herbert' },
  { id: 'piranesi', title: 'Piranesi', author: 'Susanna Clarke' },
]

import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';

import { findTodo, type Todo } from '@/lib/todos';

type Props = { todo: Todo };

export const getServerSideProps: GetServerSideProps<Props, { id: string }> = async ({ params }) => {
  const todo = findTodo(Number(params?.id));
  if (!todo) return { notFound: true };
  return { props: { todo } };
};

export default function TodoPage({ todo }: Props) {
  return (
    <>
      <Head>
        <title>{`${todo.title} · Todos`}</title>
      </Head>
      <Link href="/">← Back</Link>
      <h1>{todo.title}</h1>
      <dl>
        <dt>Priority</dt>
        <dd>{todo.priority}</dd>
        <dt>Status</dt>
        <dd>{todo.done ? 'Done' : 'Open'}</dd>
      </dl>
    </>
  );
}

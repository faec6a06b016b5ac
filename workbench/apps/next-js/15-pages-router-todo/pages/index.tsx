import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { useState } from 'react';

import { NewTodoForm } from '@/components/NewTodoForm';
import { TodoRow } from '@/components/TodoRow';
import { listTodos, type Todo } from '@/lib/todos';

type Props = { todos: Todo[] };

export const getServerSideProps: GetServerSideProps<Props> = async () => {
  return { props: { todos: listTodos() } };
};

export default function Home({ todos: initial }: Props) {
  const [todos, setTodos] = useState(initial);
  const [filter, setFilter] = useState<'all' | 'open' | 'done'>('all');

  const shown = todos.filter((t) => (filter === 'all' ? true : filter === 'done' ? t.done : !t.done));

  function replace(updated: Todo) {
    setTodos((current) => current.map((t) => (t.id === updated.id ? updated : t)));
  }

  return (
    <>
      <Head>
        <title>Todos</title>
      </Head>
      <h1>Todos</h1>
      <NewTodoForm onCreated={(todo) => setTodos((current) => [...current, todo])} />
      <div className="filters">
        {(['all', 'open', 'done'] as const).map((f) => (
          <button key={f} type="button" className={f === filter ? 'active' : ''} onClick={() => setFilter(f)}>
            {f}
          </button>
        ))}
      </div>
      <ul className="todos">
        {shown.map((todo) => (
          <TodoRow
            key={todo.id}
            todo={todo}
            onChange={replace}
            onDeleted={(id) => setTodos((current) => current.filter((t) => t.id !== id))}
          />
        ))}
      </ul>
    </>
  );
}

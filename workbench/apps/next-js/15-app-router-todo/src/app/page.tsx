import { TodoList } from '@/components/TodoList';
import { listTodos } from '@/lib/todos';

// The list changes at run time, so render on each request.
export const dynamic = 'force-dynamic';

export default function HomePage() {
  return (
    <>
      <h1>My todos</h1>
      <TodoList initialTodos={listTodos()} />
    </>
  );
}

const list = document.getElementById('todos');
const form = document.getElementById('new-todo');

async function refresh() {
  const res = await fetch('/api/todos');
  const { todos } = await res.json();
  list.replaceChildren(
    ...todos.map((todo) => {
      const li = document.createElement('li');
      li.className = todo.done ? 'done' : '';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = todo.done;
      box.addEventListener('change', async () => {
        await fetch(`/api/todos/${todo.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ done: box.checked }),
        });
        refresh();
      });
      const span = document.createElement('span');
      span.textContent = ` ${todo.title}`;
      li.append(box, span);
      return li;
    }),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = new FormData(form).get('title');
  await fetch('/api/todos', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  form.reset();
  refresh();
});

refresh();

'use strict';

// In-memory store: the app is a demo, restarting it resets the list.
const todos = new Map();
let nextId = 1;

function list({ done } = {}) {
  const all = [...todos.values()];
  if (done === undefined) return all;
  return all.filter((todo) => todo.done === done);
}

function get(id) {
  return todos.get(id) || null;
}

function create(title) {
  const todo = { id: nextId++, title, done: false, createdAt: new Date().toISOString() };
  todos.set(todo.id, todo);
  return todo;
}

function update(id, changes) {
  const todo = todos.get(id);
  if (!todo) return null;
  if (typeof changes.title === 'string') todo.title = changes.title;
  if (typeof changes.done === 'boolean') todo.done = changes.done;
  return todo;
}

function remove(id) {
  return todos.delete(id);
}

create('Read the Express 5 migration guide');
create('Write the README');

module.exports = { list, get, create, update, remove };

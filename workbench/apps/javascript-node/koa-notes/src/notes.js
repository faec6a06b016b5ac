'use strict';

// In-memory notes: the app is a demo, restarting it resets them.
const notes = [];
let nextId = 1;

function addNote({ title, text = '', tags = [] }) {
  const note = { id: nextId++, title, text, tags, updatedAt: new Date().toISOString() };
  notes.push(note);
  return note;
}

function listNotes(tag) {
  return tag ? notes.filter((note) => note.tags.includes(tag)) : notes.slice();
}

function findNote(id) {
  return notes.find((note) => note.id === id) || null;
}

function editNote(id, fields) {
  const note = findNote(id);
  if (!note) return null;
  for (const key of ['title', 'text', 'tags']) {
    if (fields[key] !== undefined) note[key] = fields[key];
  }
  note.updatedAt = new Date().toISOString();
  return note;
}

function deleteNote(id) {
  const index = notes.findIndex((note) => note.id === id);
  if (index === -1) return false;
  notes.splice(index, 1);
  return true;
}

addNote({ title: 'Koa middleware', text: 'Middleware runs downstream, then back upstream.', tags: ['koa'] });
addNote({ title: 'Groceries', text: 'Milk, bread, coffee.', tags: ['home'] });

module.exports = { addNote, listNotes, findNote, editNote, deleteNote };

'use strict';

const Router = require('@koa/router');
const notes = require('../notes');

const router = new Router({ prefix: '/api/notes' });

function noteId(ctx) {
  const id = Number.parseInt(ctx.params.id, 10);
  if (!Number.isInteger(id)) ctx.throw(400, 'id must be an integer');
  return id;
}

router.get('/', (ctx) => {
  ctx.body = { notes: notes.listNotes(ctx.query.tag) };
});

router.post('/', (ctx) => {
  const { title, text, tags } = ctx.request.body || {};
  if (typeof title !== 'string' || !title.trim()) ctx.throw(400, 'title is required');
  ctx.status = 201;
  ctx.body = notes.addNote({ title: title.trim(), text, tags: Array.isArray(tags) ? tags : [] });
});

router.get('/:id', (ctx) => {
  const note = notes.findNote(noteId(ctx));
  if (!note) ctx.throw(404, 'note not found');
  ctx.body = note;
});

router.put('/:id', (ctx) => {
  const note = notes.editNote(noteId(ctx), ctx.request.body || {});
  if (!note) ctx.throw(404, 'note not found');
  ctx.body = note;
});

router.delete('/:id', (ctx) => {
  if (!notes.deleteNote(noteId(ctx))) ctx.throw(404, 'note not found');
  ctx.status = 204;
});

module.exports = router;

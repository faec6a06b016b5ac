'use strict';

const express = require('express');
const store = require('../store');
const { HttpError } = require('../errors');

const router = express.Router();

function parseId(req) {
  const id = Number.parseInt(req.params.id, 10);
  if (!Number.isInteger(id)) throw new HttpError(400, 'id must be an integer');
  return id;
}

router.get('/', (req, res) => {
  const { done } = req.query;
  const filter = done === undefined ? {} : { done: done === 'true' };
  res.json({ todos: store.list(filter) });
});

router.post('/', (req, res) => {
  const title = req.body && typeof req.body.title === 'string' ? req.body.title.trim() : '';
  if (!title) throw new HttpError(400, 'title is required');
  res.status(201).json(store.create(title));
});

router.get('/:id', (req, res) => {
  const todo = store.get(parseId(req));
  if (!todo) throw new HttpError(404, 'todo not found');
  res.json(todo);
});

router.patch('/:id', (req, res) => {
  const todo = store.update(parseId(req), req.body || {});
  if (!todo) throw new HttpError(404, 'todo not found');
  res.json(todo);
});

router.delete('/:id', (req, res) => {
  if (!store.remove(parseId(req))) throw new HttpError(404, 'todo not found');
  res.status(204).end();
});

module.exports = router;

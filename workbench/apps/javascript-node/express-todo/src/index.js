'use strict';

const path = require('node:path');
const express = require('express');
const morgan = require('morgan');

const todosRouter = require('./routes/todos');
const healthRouter = require('./routes/health');
const { notFound, errorHandler } = require('./errors');

const app = express();
const port = Number(process.env.PORT) || 3000;

app.use(morgan('dev'));
app.use(express.json());
app.use(express.static(path.join(__dirname, '..', 'public')));

app.use('/health', healthRouter);
app.use('/api/todos', todosRouter);

app.use(notFound);
app.use(errorHandler);

app.listen(port, () => {
  console.log(`express-todo listening on http://localhost:${port}`);
});

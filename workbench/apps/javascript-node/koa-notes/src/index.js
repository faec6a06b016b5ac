'use strict';

const Koa = require('koa');
const { bodyParser } = require('@koa/bodyparser');

const errors = require('./middleware/errors');
const timing = require('./middleware/timing');
const notesRouter = require('./routes/notes');
const metaRouter = require('./routes/meta');

const app = new Koa();
const port = Number(process.env.PORT) || 3000;

app.use(errors);
app.use(timing);
app.use(bodyParser());
app.use(metaRouter.routes()).use(metaRouter.allowedMethods());
app.use(notesRouter.routes()).use(notesRouter.allowedMethods());

app.listen(port, () => {
  console.log(`koa-notes listening on http://localhost:${port}`);
});

'use strict';

const Router = require('@koa/router');
const { version } = require('../../package.json');

const router = new Router();

router.get('/', (ctx) => {
  ctx.body = { name: 'koa-notes', version, endpoints: ['/health', '/api/notes'] };
});

router.get('/health', (ctx) => {
  ctx.body = { status: 'ok' };
});

module.exports = router;

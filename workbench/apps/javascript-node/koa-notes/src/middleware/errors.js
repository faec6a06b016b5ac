'use strict';

// Turns thrown errors (ctx.throw or bugs) into JSON bodies.
module.exports = async function errors(ctx, next) {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { error: `no route for ${ctx.method} ${ctx.path}` };
    }
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: err.expose ? err.message : 'internal error' };
    if (ctx.status >= 500) console.error(err);
  }
};

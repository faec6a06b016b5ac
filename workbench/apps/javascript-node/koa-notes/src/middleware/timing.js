'use strict';

module.exports = async function timing(ctx, next) {
  const start = process.hrtime.bigint();
  await next();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  ctx.set('X-Response-Time', `${ms.toFixed(1)}ms`);
  console.log(`${ctx.method} ${ctx.url} ${ctx.status} ${ms.toFixed(1)}ms`);
};

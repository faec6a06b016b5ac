import http from 'node:http';

import { handleRequest } from './router.js';

const port = Number(process.env.PORT) || 3000;

const server = http.createServer(handleRequest);

server.listen(port, () => {
  console.log(`native-http-contacts listening on http://localhost:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
  });
}

export default async function health(app) {
  app.get('/health', async () => ({ status: 'ok' }));
}

import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './error-handler.ts';

/**
 * Serves the built web app, and its index page for any other path that is not the API, so
 * links into the app work on reload.
 */
export async function installWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  const built = fs.existsSync(index);
  if (built) {
    // Files are looked up on each request, so a rebuilt app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  } else {
    app.log.warn({ webDir }, 'the web app is not built; run "npm run build:web"');
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/healthz';
    // A missing asset is a 404, not the app's page: only paths of the app's own routes fall back.
    const isAsset = /\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (!isApi && !isAsset && request.method === 'GET' && built) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    if (!isApi && !built && request.method === 'GET') {
      return reply.type('text/plain; charset=utf-8').code(503).send('The web app is not built: run "npm run build:web".\n');
    }
    return sendError(reply, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}

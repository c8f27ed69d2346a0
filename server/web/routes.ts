import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { projectRoot } from '../paths';

export const DEFAULT_WEB_ROOT = join(projectRoot, 'dist', 'web');

/** Paths that are never a page of the dashboard: they answer JSON 404 rather than the app shell. */
const NOT_DASHBOARD = ['/api/', '/socket.io/', '/webhooks/'];

/** Serves the built dashboard; unknown non-API paths get the app shell so client routes survive a reload. */
export function staticRoutes(root: string = DEFAULT_WEB_ROOT): Hono {
  const app = new Hono();
  const indexFile = `${root}/index.html`;
  if (!existsSync(indexFile)) {
    app.get('/', (c) =>
      c.text('The dashboard is not built: run `npm run build` (or `npm start`, which builds it).', 503),
    );
    return app;
  }
  const shell = readFileSync(indexFile, 'utf8');
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', async (c, next) => {
    if (NOT_DASHBOARD.some((prefix) => c.req.path.startsWith(prefix))) return next();
    return c.html(shell);
  });
  return app;
}

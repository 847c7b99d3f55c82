import type { FastifyInstance, RouteOptions } from 'fastify';

/** One route as the application registered it. */
export interface RouteRecord {
  readonly method: string;
  /** The path pattern, with its parameters as Fastify writes them (`/api/v1/items/:itemId`). */
  readonly url: string;
  /**
   * Whether the route resolves the caller's session before anything else. Routes do that, and
   * only that, in a hook of their own (`onRequest`), so a route-level `onRequest` is what marks one.
   */
  readonly authenticated: boolean;
}

const tables = new WeakMap<FastifyInstance, RouteRecord[]>();

/**
 * Records every route registered from now on, so what the server answers can be checked
 * against what it actually serves. Install it before anything registers routes: routes added
 * earlier, or by plugins registered earlier, are not seen.
 */
export function installRouteTable(app: FastifyInstance): void {
  const routes: RouteRecord[] = [];
  tables.set(app, routes);
  app.addHook('onRoute', (options: RouteOptions) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const authenticated = hasOwnHooks(options.onRequest);
    for (const method of methods) routes.push(Object.freeze({ method: String(method).toUpperCase(), url: options.url, authenticated }));
  });
}

/** The routes recorded for the application, in the order they were registered. */
export function routeTableOf(app: FastifyInstance): readonly RouteRecord[] {
  return Object.freeze([...(tables.get(app) ?? [])]);
}

function hasOwnHooks(hooks: RouteOptions['onRequest']): boolean {
  if (hooks === undefined || hooks === null) return false;
  return Array.isArray(hooks) ? hooks.length > 0 : true;
}

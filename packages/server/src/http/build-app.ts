import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerOptions as HttpsOptions } from 'node:https';
import { authRoutes } from '../auth/routes.ts';
import { cellRoutes } from '../cell/routes.ts';
import { attachmentRoutes } from '../attachments/attachment-routes.ts';
import { deviceRoutes } from '../devices/routes.ts';
import { memberRoutes } from '../members/routes.ts';
import { itemRoutes } from '../items/routes.ts';
import { deescalationRoutes } from '../deescalation/routes.ts';
import { searchRoutes } from '../search/routes.ts';
import { commercialRoutes } from '../commercial/routes.ts';
import { stixRoutes } from '../stix/stix-routes.ts';
import { releaseRoutes } from '../releases/release-routes.ts';
import { meetingRoutes } from '../diplomatic/meeting-routes.ts';
import { documentPdfRoutes } from '../diplomatic/pdf-routes.ts';
import type { CellServices } from '../cell-services.ts';
import { recordRoutes } from '../record/routes.ts';
import { coordinationRoutes } from '../coordination/routes.ts';
import type { LiveRuntime } from '../live-runtime.ts';
import { streamRoutes } from '../stream/routes.ts';
import { actorResolver, installOriginCheck } from './authenticate.ts';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './error-handler.ts';
import { installJsonBody } from './json-body.ts';
import { installTextSafety } from './text-safety.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installOpenApi } from './openapi.ts';
import { installRouteTable } from './route-table.ts';
import type { RouteContext } from './route-context.ts';
import { installWebApp } from './web-app.ts';

export interface AppOptions {
  version: string;
  webDir: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  https?: HttpsOptions | undefined;
}

/**
 * While closing, answers ask clients to close their connection, so keep-alive sockets of
 * requests that were in flight do not hold the shutdown open.
 */
function installDrainOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
}

/** The Fastify application: plugins, the error mapping, every feature's routes, the web app. */
export async function buildApp(services: CellServices, live: LiveRuntime, options: AppOptions) {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy,
    frameworkErrors,
    clientErrorHandler,
    ...(options.https ? { https: options.https } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  installRouteTable(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonBody(app);
  installTextSafety(app);
  installDrainOnClose(app);

  await app.register(fastifyCookie);
  installSecurityHeaders(app, { https: options.https !== undefined });
  installOriginCheck(app);
  await installOpenApi(app, options.version);

  const context: RouteContext = { app, services, requireActor: actorResolver(services) };
  authRoutes(context);
  cellRoutes(context, options.version);
  memberRoutes(context);
  deviceRoutes(context);
  itemRoutes(context);
  await attachmentRoutes(context);
  deescalationRoutes(context);
  searchRoutes(context);
  commercialRoutes(context);
  stixRoutes(context);
  releaseRoutes(context);
  meetingRoutes(context);
  documentPdfRoutes(context);
  recordRoutes(context);
  coordinationRoutes(context);
  await streamRoutes(context, live.hub);

  await installWebApp(app, options.webDir);
  return app;
}

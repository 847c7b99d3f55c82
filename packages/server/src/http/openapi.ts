import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { withItemTypeSchemas } from './openapi-item-types.ts';

/**
 * The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from
 * what the server validates, and from the item type registry: every type's payload schema.
 * Served at /api/v1/openapi.json, readable at /api/v1/docs.
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fusion Cell API',
        version,
        description:
          'HTTP API of a Fusion Cell: a joint coordination cell whose every act is signed and entered in a tamper-evident record. Authenticate with POST /api/v1/auth/login; the session cookie authorises the rest.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fc_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => withItemTypeSchemas(jsonSchemaTransformObject(document)),
  });
  // The standalone layout's top bar draws Swagger's logo as an SVG holding a <style>
  // element, which the page's content security policy refuses; the base layout has no top
  // bar, so the page renders under the policy with nothing refused.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true, uiConfig: { layout: 'BaseLayout' } });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

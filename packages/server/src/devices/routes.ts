import { Device, DeviceDecision, DeviceList, DeviceParams, RegisterDeviceRequest } from '@fusion-cell/protocol';
import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { approveDevice, listDevices, registerDevice, revokeDevice } from './device-service.ts';

const DeviceListQuery = z.strictObject({ scope: z.enum(['own', 'party']).default('own') });

export function deviceRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/devices',
    {
      onRequest: requireActor,
      schema: {
        tags: ['devices'],
        summary: "The caller's devices, or with scope=party every device of the party (admin)",
        querystring: DeviceListQuery,
        response: { 200: DeviceList, ...errorResponses },
      },
    },
    async (request) => ({ devices: await listDevices(services, actorOf(request), request.query.scope) }),
  );

  app.post(
    '/api/v1/devices',
    {
      onRequest: requireActor,
      schema: {
        tags: ['devices'],
        summary: 'Register the public key of a new device of the caller',
        body: RegisterDeviceRequest,
        response: { 201: Device, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await registerDevice(services, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/devices/:deviceId/approve',
    {
      onRequest: requireActor,
      schema: {
        tags: ['devices'],
        summary: 'Approve a device of the party (admin)',
        description: 'With signedBy, the administrator’s own device signs the decision (a device attestation); without it, the cell’s log key attests it.',
        params: DeviceParams,
        body: DeviceDecision.nullish(),
        response: { 200: Device, ...errorResponses },
      },
    },
    async (request) => approveDevice(services, actorOf(request), request.params.deviceId, request.body?.signedBy),
  );

  app.post(
    '/api/v1/devices/:deviceId/revoke',
    {
      onRequest: requireActor,
      schema: {
        tags: ['devices'],
        summary: 'Revoke a device: an admin for the party, or a member for their own',
        params: DeviceParams,
        body: DeviceDecision.nullish(),
        response: { 200: Device, ...errorResponses },
      },
    },
    async (request) => revokeDevice(services, actorOf(request), request.params.deviceId, request.body?.signedBy),
  );
}

import { describe, expect, it } from 'vitest';
import { ENGINES } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer } from './support/test-server.ts';

/**
 * An area valid as a simple feature whose vertices lie within 1e-300 of one another near the
 * origin, which the fuzz of signed items found: relating it to the demo's zones threw a topology
 * exception in the automatic checks, and the cell answered 500. It is now checked like any area.
 */
const payload = {"question":"é!ﶔ₣'𒄌‮Q$é","activity":"ⴓ﻿M\"�𐊒ꧡ▯","area":{"type":"Polygon","coordinates":[[[-6.970586369364862e-80,7.520743759475366e-234],[-7.4e-323,-7.391908084102254e-270],[-2e-323,89.99999999999976],[179.99999999999946,-89.99999999999984],[7.299445214351573e-53,-6.690136032086821e-240],[-6.970586369364862e-80,7.520743759475366e-234]],[[9.4e-323,-0],[-1.6638691246633278e-130,1e-323],[5e-324,-1.1406246153653193e-107],[-1.1722163129717836e-121,89.99999999999976],[-179.99999999999977,3.8471114660353475e-130],[2.8240252457223574e-219,4.6647959191904904e-164],[9.4e-323,-0]],[[2.4640155470668683e-243,-9.71754596155642e-31],[-4.732078232828954e-154,-6.080678031418143e-290],[1.037254567237459e-139,6.547741159552386e-241],[-1.1590891865249169e-69,1.9579645175677793e-194],[3.5905634945377193e-146,-1.0511503778893826e-141],[1.7664601252978937e-128,-7.254226279319677e-48],[2.4640155470668683e-243,-9.71754596155642e-31]]]},"observedAt":"2026-10-07T04:43:24-05:30","language":"he"};

describe.each(ENGINES)('an area of near-coincident vertices on $engine', (setup) => {
  it('is entered and checked against the zones, never answered with a 500', async () => {
    const storage = await setup.create();
    const server = await startTestServer(storage, {});
    try {
      const client = await SigningClient.open(server.url, 'us.duty1', server.passwordOf('us.duty1'));
      const response = await client.send({ type: 'explanation.request', track: 'deescalation', compartment: 'caucus-il', references: [], authoredAt: new Date(server.clock.now()).toISOString(), payload: payload as never });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    } finally {
      await server.close();
      await storage.cleanup();
    }
  });
});

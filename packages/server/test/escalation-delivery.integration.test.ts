import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64UrlDecode, parseVerifierKey, utf8Encode } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

interface Mail {
  to: string[];
  data: string;
}

/** Escalations leave the app: by email to a local SMTP server, and by signed webhook. */
describe.each(ENGINES)('escalations outside the app on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let smtp: SMTPServer;
  let smtpPort: number;
  let hooks: http.Server;
  let hookUrl: string;
  let hookStatus = 500;
  const mails: Mail[] = [];
  const posts: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    hooks = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        posts.push({ headers: request.headers, body });
        response.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/escalations`;
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
    await new Promise<void>((resolve) => smtp.close(resolve));
    await new Promise<void>((resolve) => hooks.close(() => resolve()));
  });

  it('lets only a party admin set where its escalations go, with the fields checked', async () => {
    const admin = await SigningClient.open(server.url, 'us.admin', server.passwordOf('us.admin'));
    const duty = await SigningClient.open(server.url, 'us.duty2', server.passwordOf('us.duty2'));
    const settings = { emails: ['watch@us.example'], webhooks: [{ url: hookUrl }] };
    expect((await duty.request('PUT', '/api/v1/parties/us/notifications', settings)).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/parties/sy/notifications', settings)).status).toBe(403);
    const bad = await admin.request('PUT', '/api/v1/parties/us/notifications', { emails: ['not an address'], webhooks: [] });
    expect(bad.body.error.field).toBe('body.emails[0]');
    const badUrl = await admin.request('PUT', '/api/v1/parties/us/notifications', { emails: [], webhooks: [{ url: 'ftp://x' }] });
    expect(badUrl.body.error.field).toBe('body.webhooks[0].url');
    expect((await admin.request('PUT', '/api/v1/parties/us/notifications', settings)).status).toBe(200);
    expect((await duty.get('/api/v1/parties/us/notifications')).body).toEqual(settings);
    const ilAdmin = await SigningClient.open(server.url, 'il.admin', server.passwordOf('il.admin'));
    expect((await ilAdmin.request('PUT', '/api/v1/parties/il/notifications', { emails: ['desk@il.example'], webhooks: [] })).status).toBe(200);
  });

  it('emails and posts an overdue alert, retrying a failed webhook; the post is signed with the log key', async () => {
    const sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
    const alert = await sy.send({
      type: 'alert',
      authoredAt: new Date(server.clock.now()).toISOString(),
      payload: { title: 'Drone over the buffer zone', description: '', severity: 'flash', language: 'en' },
    });
    server.clock.advance(5 * 60_000 + 1);
    await server.handle.live.timers.tick();
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['desk@il.example', 'watch@us.example']);
    expect(mails[0]?.data.replace(/\r\n[ \t]+/g, ' ')).toMatch(/Subject: \[Fusion Cell paris-2026\] Overdue: il has not acknowledged \(received\)/);
    expect(posts).toHaveLength(1);

    hookStatus = 204;
    server.clock.advance(60_000);
    await server.handle.live.timers.tick();
    expect(posts).toHaveLength(2);
    const post = posts[1];
    const body = JSON.parse(post?.body ?? '{}');
    expect(body).toMatchObject({ type: 'escalation', item: alert.body.id, party: 'il', kind: 'acknowledgment-overdue' });
    expect(JSON.parse(body.entry).envelope.author).toBe('@cell');
    const [, time, signature] = /^t=(\d+),ed25519=([A-Za-z0-9_-]+)$/.exec(String(post?.headers['fusion-cell-signature'])) ?? [];
    const key = parseVerifierKey(String(post?.headers['fusion-cell-key']));
    expect(nodeVerifier().verify(key.publicKey, utf8Encode(`${time}.${post?.body}`), base64UrlDecode(signature ?? ''))).toBe(true);
    expect(post?.headers['fusion-cell-key']).toBe((await sy.get('/api/v1/record')).body.logKey);

    server.clock.advance(3_600_000);
    await server.handle.live.timers.tick();
    expect(posts).toHaveLength(2);
    expect(mails).toHaveLength(2);
  });
});

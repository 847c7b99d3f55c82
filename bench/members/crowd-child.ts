// The crowd: a child process holding every simulated member, so that their requests, stream
// reading and signing run on an event loop of their own and are not counted as server time.
// Driven over IPC by crowd.ts.
import { serveRpc } from '../child-rpc.ts';
import type { CrowdContext } from './simulated-member.ts';
import { SimulatedMember } from './simulated-member.ts';
import type { CrowdRequest, CrowdSetup, DeliveryCheck, JoinResult, MemberLogin } from './crowd-protocol.ts';
import { WindowStats } from './window-stats.ts';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let crowd: CrowdContext | undefined;
let baseUrls: string[] = [];
const members: SimulatedMember[] = [];

function setup(params: CrowdSetup): void {
  baseUrls = params.baseUrls;
  crowd = { cellId: params.cellId, behaviour: params.behaviour, stats: new WindowStats(), highest: new Map(), claimed: new Set(), now };
}

/** A loopback address of its own per member: the server's per-address limits see separate machines. */
function localAddressOf(index: number): string {
  return `127.10.${Math.floor(index / 250)}.${(index % 250) + 1}`;
}

/** Starts the members' joins spread evenly over `spreadMs`; resolves once each joined or failed. */
async function join(logins: Array<MemberLogin & { index: number }>, spreadMs: number): Promise<JoinResult> {
  const context = crowd;
  if (!context) throw new Error('setup first');
  const result: JoinResult = { joined: 0, failed: 0, errors: [] };
  const gap = logins.length > 0 ? spreadMs / logins.length : 0;
  await Promise.all(
    logins.map(async (login, n) => {
      await sleep(n * gap);
      const member = new SimulatedMember(login, baseUrls[login.index % baseUrls.length] as string, localAddressOf(login.index), context);
      try {
        await member.join();
        members.push(member);
        result.joined += 1;
      } catch (error) {
        member.stop();
        result.failed += 1;
        if (result.errors.length < 10) result.errors.push((error as Error).message);
      }
    }),
  );
  return result;
}

/**
 * Waits until every member has every entry any member had received when the check began, or
 * the grace period ends; counts the subscriptions still missing some.
 */
async function checkDelivery(graceMs: number): Promise<DeliveryCheck> {
  const sizes = new Map([...(crowd?.highest ?? [])].map(([compartment, index]) => [compartment, index + 1]));
  const started = performance.now();
  const subscriptions = members.reduce((sum, member) => sum + member.subscriptions, 0);
  for (;;) {
    const lagging = members.reduce((sum, member) => sum + member.lagging(sizes), 0);
    const ms = performance.now() - started;
    if (lagging === 0 || ms > graceMs) return { subscriptions, lagging, ms };
    await sleep(50);
  }
}

async function handle(request: CrowdRequest): Promise<unknown> {
  switch (request.method) {
    case 'setup':
      return setup(request.params);
    case 'join':
      return join(request.params.logins, request.params.spreadMs);
    case 'mark':
      crowd?.stats.report(members.length);
      return true;
    case 'report':
      if (!crowd) throw new Error('setup first');
      return crowd.stats.report(members.length);
    case 'checkDelivery':
      return checkDelivery(request.params.graceMs);
    case 'shutdown':
      for (const member of members) member.stop();
      setTimeout(() => process.exit(0), 50).unref();
      return true;
  }
}

serveRpc(handle);

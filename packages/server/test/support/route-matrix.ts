import { CALLERS, compartmentsOf, OTHER_SIDE, type Caller } from './authorization-cell.ts';
import { created, forbidden, noContent, notFound, ok, unauthenticated, type CaseSpec, type Expected } from './authorization-case.ts';
import { required, type World } from './authorization-world.ts';
import { adminOnly, deviceCases, memberCases } from './account-cases.ts';
import { attachmentReadCases, attachmentUploadCases } from './attachment-cases.ts';
import { compartmentCases, cosignatureBy, itemReadCases, listingCompartmentsOf } from './compartment-cases.ts';
import { newDeviceKey, registrationFor } from './device-keys.ts';
import { itemCases } from './item-cases.ts';
import { stixValidateCases } from './stix-cases.ts';

/** The expected answers of one route, for every caller. */
export interface RouteRule {
  /** As the route table names it: `GET /api/v1/items/:itemId`. */
  route: string;
  /** Answers without a session. Every other route answers a stranger 401 before anything else. */
  public?: true;
  cases(caller: Caller, world: World): CaseSpec[] | Promise<CaseSpec[]>;
  /** A stranger's cases, when not those of the first caller asked without a session. */
  strangerCases?(world: World): CaseSpec[];
}

/**
 * Routes the matrix does not cover, each with the reason. They hold nothing of any party:
 * whoever asks gets the same.
 */
export const EXEMPT_ROUTES: ReadonlyArray<{ route: RegExp; reason: string }> = [
  { route: /^(GET|HEAD) \/healthz$/, reason: 'liveness for load balancers and probes: public by design, tells the engine and version only' },
  { route: /^(GET|HEAD) \/api\/v1\/openapi\.json$/, reason: 'the API description, generated from the schemas: public, holds no data' },
  { route: /^(GET|HEAD) \/api\/v1\/docs(\/.*)?$/, reason: 'the pages that render the API description' },
  { route: /^(GET|HEAD) \/\*$/, reason: 'the built web app: static files, the same for everyone' },
];

const one = (path: string, expected: Expected, what: string): CaseSpec[] => [{ id: 'the one case', what, path, expected }];
const forSupervisors = (caller: Caller, allowed: Expected): Expected => (caller.party.kind === 'supervisor' ? allowed : forbidden);
const NO_SETTINGS = { emails: [], webhooks: [] };

/**
 * Every API route and its answers, from the product brief (sections 3 and 7): a member acts
 * within its party and roles; a compartment, and all in it, exists only for its audience.
 */
export const ROUTE_RULES: RouteRule[] = [
  {
    route: 'POST /api/v1/auth/login',
    public: true,
    cases: (caller, world) => [
      { id: 'right', what: 'its own password', path: '/api/v1/auth/login', cookie: null, body: { username: caller.username, password: world.server.passwordOf(caller.username) }, expected: ok },
      {
        id: 'wrong',
        what: 'a wrong password',
        path: '/api/v1/auth/login',
        cookie: null,
        body: { username: caller.username, password: 'not the password' },
        expected: { status: 401, code: 'invalid_credentials' },
        // Attempts at one account are not raced here: the matrix asks who may log in, not how racing attempts are throttled.
        phase: 'in-order',
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/logout',
    public: true,
    cases: (caller, world) => [
      { id: 'second session', what: 'ending a session of its own', path: '/api/v1/auth/logout', cookie: required(world.spareSessions, caller.username), expected: noContent, phase: 'logout' },
    ],
    strangerCases: () => [{ id: 'no session', what: 'without a session', path: '/api/v1/auth/logout', cookie: null, expected: noContent }],
  },
  {
    route: 'GET /api/v1/auth/me',
    cases: (caller, world) => [
      { id: 'session', what: 'its own session', path: '/api/v1/auth/me', expected: listingCompartmentsOf(caller) },
      { id: 'ended', what: 'a session it ended', path: '/api/v1/auth/me', cookie: required(world.spareSessions, caller.username), expected: unauthenticated, phase: 'after-logout' },
    ],
  },
  { route: 'GET /api/v1/cell', cases: () => one('/api/v1/cell', ok, 'the cell') },
  {
    route: 'GET /api/v1/members',
    cases: (caller) => {
      const ownPartyOnly = (json: any) => ((json?.members ?? []).every((member: { party: string }) => member.party === caller.party.id) ? undefined : 'lists members of another party');
      return one('/api/v1/members', { status: 200, body: ownPartyOnly }, 'the members of its party');
    },
  },
  {
    route: 'POST /api/v1/members',
    cases: (caller) => {
      const username = `${caller.party.id}.made-by-${caller.role}`;
      return [{ id: 'new', what: 'adding a member to its party', path: '/api/v1/members', body: { username, displayName: username, roles: ['translator'] }, expected: adminOnly(caller, created) }];
    },
  },
  { route: 'POST /api/v1/members/:memberId/disable', cases: (caller, world) => memberCases(caller, world, 'disable') },
  { route: 'POST /api/v1/members/:memberId/enable', cases: (caller, world) => memberCases(caller, world, 'enable') },
  {
    route: 'GET /api/v1/devices',
    cases: (caller) => [
      { id: 'own', what: 'its own devices', path: '/api/v1/devices', expected: ok },
      { id: 'party', what: 'every device of its party', path: '/api/v1/devices?scope=party', expected: adminOnly(caller, ok) },
    ],
  },
  {
    route: 'POST /api/v1/devices',
    cases: (caller, world) => [
      { id: 'new', what: 'registering a device of its own', path: '/api/v1/devices', makeBody: async () => registrationFor(newDeviceKey(), world.cellId, world.memberId(caller.username)), expected: created },
    ],
  },
  { route: 'POST /api/v1/devices/:deviceId/approve', cases: (caller, world) => deviceCases(caller, world, 'approve') },
  { route: 'POST /api/v1/devices/:deviceId/revoke', cases: (caller, world) => deviceCases(caller, world, 'revoke') },
  {
    route: 'POST /api/v1/items',
    cases: (caller, world) => itemCases(caller, world),
    strangerCases: (world) => {
      const author = world.client(CALLERS[0]?.username ?? '');
      return [{ id: 'message', what: 'a message signed by a member', path: '/api/v1/items', makeBody: () => author.sign(author.envelope()), expected: unauthenticated }];
    },
  },
  { route: 'POST /api/v1/attachments', cases: (caller) => attachmentUploadCases(caller) },
  { route: 'GET /api/v1/attachments/:sha256', cases: (caller, world) => attachmentReadCases(caller, world) },
  { route: 'GET /api/v1/items/:itemId', cases: (caller, world) => itemReadCases(caller, world, '') },
  { route: 'GET /api/v1/items/:itemId/proof', cases: (caller, world) => itemReadCases(caller, world, '/proof') },
  { route: 'GET /api/v1/items/:itemId/state', cases: (caller, world) => itemReadCases(caller, world, '/state') },
  // The ties of releases, to readers of the originals alone (tested in release.integration); first items are no releases.
  { route: 'GET /api/v1/items/:itemId/releases', cases: (caller, world) => itemReadCases(caller, world, '/releases') },
  { route: 'GET /api/v1/record', cases: (caller) => one('/api/v1/record', listingCompartmentsOf(caller), 'the logs of its compartments') },
  { route: 'GET /api/v1/compartments/:compartmentId/entries', cases: (caller) => compartmentCases(caller, (id) => `/api/v1/compartments/${id}/entries`, () => ({ expected: ok })) },
  { route: 'GET /api/v1/compartments/:compartmentId/checkpoint', cases: (caller) => compartmentCases(caller, (id) => `/api/v1/compartments/${id}/checkpoint`, () => ({ expected: ok })) },
  {
    route: 'GET /api/v1/compartments/:compartmentId/proof/inclusion',
    cases: (caller) => compartmentCases(caller, (id) => `/api/v1/compartments/${id}/proof/inclusion?index=0&size=1`, () => ({ expected: ok })),
  },
  {
    route: 'GET /api/v1/compartments/:compartmentId/proof/consistency',
    cases: (caller) => compartmentCases(caller, (id) => `/api/v1/compartments/${id}/proof/consistency?from=0&to=1`, () => ({ expected: ok })),
  },
  {
    route: 'POST /api/v1/compartments/:compartmentId/cosignatures',
    cases: (caller, world) => {
      const notACosignature = { size: 1, device: world.client(caller.username).deviceId, line: 'a line that is no cosignature' };
      const cosigned = (compartment: string) => ({ expected: noContent, makeBody: () => cosignatureBy(world, caller, compartment) });
      return compartmentCases(caller, (id) => `/api/v1/compartments/${id}/cosignatures`, cosigned, notACosignature);
    },
  },
  { route: 'GET /api/v1/directory', cases: () => one('/api/v1/directory', ok, 'the authors it may meet') },
  { route: 'GET /api/v1/export', cases: (caller) => one('/api/v1/export', listingCompartmentsOf(caller), "its party's whole record") },
  {
    route: 'GET /api/v1/inbox',
    cases: (caller) => [
      { id: 'mine', what: 'what its party owes', path: '/api/v1/inbox?view=mine', expected: ok },
      // What every party owes is the supervisor's to chase.
      { id: 'overdue', what: 'what every party owes', path: '/api/v1/inbox?view=overdue', expected: forSupervisors(caller, ok) },
      { id: 'sent', what: 'what is owed to its party', path: '/api/v1/inbox?view=sent', expected: ok },
      { id: 'open', what: 'every open answer between the parties', path: '/api/v1/inbox?view=open', expected: forSupervisors(caller, ok) },
    ],
  },
  { route: 'GET /api/v1/presence', cases: () => one('/api/v1/presence', ok, 'who is on watch') },
  // Every member reads the register, computed over its own compartments only (tested in deescalation.integration).
  {
    route: 'GET /api/v1/deescalation/register',
    cases: () => [
      { id: 'json', what: 'the violation register of its compartments', path: '/api/v1/deescalation/register', expected: ok },
      { id: 'csv', what: 'the same as CSV', path: '/api/v1/deescalation/register?format=csv', expected: ok },
    ],
  },
  // Every member reads the pipeline, computed over its own compartments only (tested in commercial.integration).
  {
    route: 'GET /api/v1/commercial/pipeline',
    cases: () => [
      { id: 'all', what: 'the commercial pipeline of its compartments', path: '/api/v1/commercial/pipeline', expected: ok },
      { id: 'filtered', what: 'the same, filtered', path: '/api/v1/commercial/pipeline?sector=energy&status=proposed&q=solar', expected: ok },
    ],
  },
  // A member exports the reports of its own compartments; another's answers as one that does not exist (tested in stix.integration).
  {
    route: 'GET /api/v1/stix/export',
    cases: (caller) => [
      ...compartmentCases(caller, (id) => `/api/v1/stix/export?compartment=${id}`, () => ({ expected: ok })),
      { id: 'all', what: 'the reports of every compartment it reads', path: '/api/v1/stix/export', expected: ok },
    ],
  },
  { route: 'POST /api/v1/stix/validate', cases: (caller) => stixValidateCases(caller) },
  // A PDF is of a document the member reads; anything else, in any compartment, is answered as
  // nothing (agreed documents, and a reader against an outsider, are in document-pdf.integration).
  {
    route: 'GET /api/v1/documents/:documentId/pdf',
    cases: (_caller, world) => [
      ...[...world.firstItem].map(([compartment, item]) => ({ id: compartment, what: `the first item of ${compartment}, not a document`, path: `/api/v1/documents/${item}/pdf`, expected: notFound, sameAs: 'nothing' })),
      { id: 'nothing', what: 'a document id that names nothing', path: `/api/v1/documents/${'A'.repeat(43)}/pdf`, expected: notFound },
    ],
  },
  // Every member reads the calendar of the meetings of its own compartments (tested in diplomatic.integration).
  { route: 'GET /api/v1/meetings.ics', cases: () => one('/api/v1/meetings.ics', ok, 'the meetings of its compartments, as a calendar') },
  // Every member searches, over its own compartments only (the isolation table is search-isolation.integration).
  {
    route: 'GET /api/v1/search',
    cases: (caller) => [
      { id: 'words', what: 'the items of its compartments holding words', path: '/api/v1/search?q=internal+note', expected: searchingOnlyItsOwn(caller) },
      { id: 'syntax', what: 'a query written in the index’s own syntax', path: `/api/v1/search?q=${encodeURIComponent('note OR * {compartment_id}: internal-il NEAR(note) "')}`, expected: searchingOnlyItsOwn(caller, false) },
      ...compartmentCases(caller, (id) => `/api/v1/search?q=note&compartment=${id}`, () => ({ expected: ok })),
    ],
  },
  {
    route: 'GET /api/v1/parties/:partyId/notifications',
    cases: (caller) => [
      { id: 'own', what: "its party's settings", path: `/api/v1/parties/${caller.party.id}/notifications`, expected: ok },
      // Parties are public (GET /api/v1/cell): a missing one need not look like a real one.
      { id: 'other', what: "another party's settings", path: `/api/v1/parties/${OTHER_SIDE.id}/notifications`, expected: forbidden },
      { id: 'nothing', what: 'settings of a party that does not exist', path: '/api/v1/parties/zz/notifications', expected: forbidden },
    ],
  },
  {
    route: 'PUT /api/v1/parties/:partyId/notifications',
    cases: (caller) => [
      { id: 'own', what: "setting its party's settings", path: `/api/v1/parties/${caller.party.id}/notifications`, body: NO_SETTINGS, expected: adminOnly(caller, ok) },
      { id: 'other', what: "setting another party's settings", path: `/api/v1/parties/${OTHER_SIDE.id}/notifications`, body: NO_SETTINGS, expected: forbidden },
      { id: 'nothing', what: 'setting those of a party that does not exist', path: '/api/v1/parties/zz/notifications', body: NO_SETTINGS, expected: forbidden },
    ],
  },
  // Over plain HTTP, without asking to upgrade, there is nothing there; the stream itself has its own test.
  { route: 'GET /api/v1/stream', cases: () => one('/api/v1/stream', { status: 404 }, 'the stream without a WebSocket upgrade') },
];

/** A 200 listing only items of the caller's compartments, its own internal note among them when `findsOwnNote`. */
function searchingOnlyItsOwn(caller: Caller, findsOwnNote = true): Expected {
  return {
    status: 200,
    body: (json) => {
      const found: string[] = (json?.results ?? []).map((hit: { compartment: string }) => hit.compartment);
      const foreign = found.filter((compartment) => !compartmentsOf(caller.party).includes(compartment));
      if (foreign.length > 0) return `finds items of ${foreign.join(', ')}`;
      return findsOwnNote && !found.includes(`internal-${caller.party.id}`) ? 'misses the note of its own internal compartment' : undefined;
    },
  };
}

import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontSet } from '../src/diplomatic/pdf/fonts.ts';
import { layoutParagraph, type Direction } from '../src/diplomatic/pdf/paragraph-layout.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** The files a PDF carries in its EmbeddedFiles name tree (pdfkit writes a single leaf). */
async function attachments(pdf: Buffer): Promise<Map<string, string>> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const tree = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = tree?.lookupMaybe(PDFName.of('Names'), PDFArray);
  const files = new Map<string, string>();
  for (let index = 0; names && index + 1 < names.size(); index += 2) {
    const stream = (names.lookup(index + 1) as PDFDict).lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
    if (stream instanceof PDFRawStream) files.set((names.lookup(index) as PDFString).decodeText(), Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8'));
  }
  return files;
}

/** The runs of one line, left to right, as handed to pdfkit (fontkit reverses runs of an RTL script itself). */
function runs(text: string, direction: Direction): [string, string][] {
  const { covers } = fontSet();
  const layout = layoutParagraph(text, { direction, maxWidth: 10_000, primaryFont: direction === 'rtl' ? 'arabic' : 'latin', covers, measure: (_font, run) => run.length });
  return layout.lines.flatMap((line) => line.runs.map((run): [string, string] => [run.font, run.text]));
}

describe('right-to-left layout', () => {
  it('orders runs visually, mirrors brackets and keeps Latin and Arabic-Indic digits left to right', () => {
    expect(runs('الخط (القطاع B-12) بحلول', 'rtl')).toEqual([
      ['arabic', 'بحلول'],
      ['latin', ' ('],
      ['latin', 'B-12'],
      ['arabic', 'القطاع '],
      ['latin', ')'],
      ['arabic', 'الخط '],
    ]);
    // Arabic-Indic digits are in the Arabic font, which fontkit reverses: they are handed reversed.
    expect(runs('رقم ٢٠٢٦ و 2026', 'rtl')).toEqual([
      ['latin', '2026'],
      ['arabic', ' و '],
      ['arabic', '٦٢٠٢'],
      ['arabic', 'رقم '],
    ]);
    expect(runs('גזרה B-12 (צפון)', 'rtl')).toEqual([
      ['latin', '('],
      ['hebrew', 'צפון'],
      ['latin', ') '],
      ['latin', 'B-12'],
      ['hebrew', 'גזרה '],
    ]);
  });

  it('breaks lines at spaces and cuts a word longer than a line', () => {
    const { covers } = fontSet();
    const layout = layoutParagraph(`one two three ${'x'.repeat(25)}`, { direction: 'ltr', maxWidth: 10, primaryFont: 'latin', covers, measure: (_font, run) => run.length });
    expect(layout.lines.map((line) => line.runs.map((run) => run.text).join(''))).toEqual(['one two', 'three', 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

/** Agreed minutes and signed texts as PDF: who may have one, of which version, and what it carries. */
describe.each(ENGINES)('document PDF on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let usDuty: SigningClient;
  let usChief: SigningClient;
  let syHead: SigningClient;
  let ilHead: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [usDuty, usChief, syHead, ilHead] = await Promise.all([open('us.duty1'), open('us.chief'), open('sy.head'), open('il.head')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const created = async (response: Promise<{ status: number; body: any }>): Promise<string> => {
    const result = await response;
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body.id as string;
  };
  const sign = (client: SigningClient, version: string, compartment = 'plenary', act = 'signature', track: 'diplomatic' | 'general' = 'diplomatic') =>
    created(client.send({ type: 'document.sign', compartment, track, references: [version], authoredAt: now(), payload: { act, version } as never }));
  const download = async (client: SigningClient, path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: client.sessionCookie ?? '' } });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body };
  };

  const meeting = (compartment: string, parties: string[]) =>
    created(
      usDuty.send({
        type: 'meeting',
        compartment,
        track: 'diplomatic',
        authoredAt: now(),
        payload: {
          round: 6,
          title: 'الجولة السادسة',
          startsAt: '2026-03-14T09:00:00.000Z',
          endsAt: '2026-03-14T12:00:00.000Z',
          timeZone: 'Europe/Paris',
          mode: 'in-person',
          venue: 'Paris',
          parties,
          agenda: [
            { id: 'withdrawal', title: 'سحب الأسلحة الثقيلة' },
            { id: 'next-round', title: 'الجولة المقبلة' },
          ],
          language: 'ar',
        } as never,
      }),
    );

  const arabicMinutes = (meetingId: string, parties: string[]) => ({
    meeting: meetingId,
    parties,
    sections: [
      { agendaItem: 'withdrawal', text: 'اتفق الطرفان على سحب الأسلحة الثقيلة مسافة 20 كم من الخط (القطاع B-12) بحلول 2026-04-01.', decisions: [{ id: 'd-1', text: 'يبدأ السحب في 15 آذار عند الساعة 06:00 (UTC).' }] },
      { agendaItem: 'next-round', text: 'تُعقد الجولة السابعة في جنيف.\n\nيُبلغ الرئيس المشارك الطرفين بالموعد.' },
    ],
    language: 'ar',
  });

  const jointText = (parties: string[], language: 'en' | 'he', title: string) => ({
    title,
    penHolder: 'us',
    parties,
    sections: [
      { id: 'preamble', heading: language === 'he' ? 'מבוא' : 'Preamble', passages: [{ id: 'p-1', text: language === 'he' ? 'הצדדים מסכימים להפסקת אש בגזרה B-12 החל מ-2026-04-01.' : 'The parties agree to a ceasefire in sector B-12 from 2026-04-01.' }] },
      { id: 'operative', passages: [{ id: 'p-2', text: language === 'he' ? 'ועדה משותפת תתכנס כל 14 יום.' : 'A joint committee meets every 14 days.' }] },
    ],
    translations: [{ language: 'ar' as const, title: 'بيان مشترك', passages: [{ passage: 'p-1', text: 'يتفق الطرفان على وقف إطلاق النار في القطاع B-12.' }] }],
    language,
  });

  let agreedMinutes = '';

  it('gives agreed minutes, in Arabic, with every signature and the proof attached', async () => {
    const meetingId = await meeting('plenary', ['sy', 'il', 'us']);
    agreedMinutes = await created(usDuty.send({ type: 'minutes', track: 'diplomatic', references: [meetingId], authoredAt: now(), payload: arabicMinutes(meetingId, ['sy', 'il', 'us']) as never }));
    const signings = [await sign(syHead, agreedMinutes), await sign(ilHead, agreedMinutes), await sign(usChief, agreedMinutes)];

    const started = Date.now();
    const pdf = await download(syHead, `/api/v1/documents/${agreedMinutes}/pdf`);
    expect(pdf.status, pdf.body.toString('utf8').slice(0, 300)).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/^attachment; filename="minutes-v1-.+\.pdf"$/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const proof = JSON.parse((await attachments(pdf.body)).get('fusion-cell-proof.json') ?? 'null');
    expect(proof).toMatchObject({ format: 'fusion-cell/document-proof@1', cell: 'paris-2026', compartment: 'plenary', document: { id: agreedMinutes, type: 'minutes', version: agreedMinutes, number: 1, signers: ['sy', 'il', 'us'] } });
    expect(proof.entries.map((entry: { role: string }) => entry.role)).toEqual(['version', 'signing', 'signing', 'signing']);
    expect(proof.devices.map((device: { member: string }) => device.member)).toEqual(expect.arrayContaining([usDuty.memberId, syHead.memberId, ilHead.memberId, usChief.memberId]));
    expect(proof.checkpoint).toContain('fusion-cell/paris-2026/plenary\n');
    // The version is given by its id, also in the document information `verify` compares.
    expect((await PDFDocument.load(pdf.body, { updateMetadata: false })).getSubject()).toBe(agreedMinutes);
    expect(signings).toHaveLength(3);

    const same = await download(syHead, `/api/v1/documents/${agreedMinutes}/pdf?version=${agreedMinutes}`);
    expect(same.status).toBe(200);
  });

  it('gives a joint text in Hebrew, initialled then signed, with its translation marked', async () => {
    const text = await created(usDuty.send({ type: 'joint.text', track: 'diplomatic', authoredAt: now(), payload: jointText(['sy', 'il'], 'he', 'הצהרה משותפת') as never }));
    for (const head of [syHead, ilHead]) await sign(head, text, 'plenary', 'initials');
    for (const head of [syHead, ilHead]) await sign(head, text, 'plenary', 'signature');
    const pdf = await download(usChief, `/api/v1/documents/${text}/pdf`);
    expect(pdf.status, pdf.body.toString('utf8').slice(0, 300)).toBe(200);
    const proof = JSON.parse((await attachments(pdf.body)).get('fusion-cell-proof.json') ?? 'null');
    expect(proof.document).toMatchObject({ type: 'joint.text', signers: ['sy', 'il'] });
    expect(proof.entries).toHaveLength(5);
  });

  it('answers a member whose party cannot read the compartment exactly as for a missing document', async () => {
    const meetingId = await meeting('caucus-sy', ['sy', 'us']);
    const minutes = await created(usDuty.send({ type: 'minutes', compartment: 'caucus-sy', track: 'diplomatic', references: [meetingId], authoredAt: now(), payload: arabicMinutes(meetingId, ['sy', 'us']) as never }));
    await sign(syHead, minutes, 'caucus-sy');
    await sign(usChief, minutes, 'caucus-sy');
    expect((await download(syHead, `/api/v1/documents/${minutes}/pdf`)).status).toBe(200);

    const hidden = await download(ilHead, `/api/v1/documents/${minutes}/pdf`);
    const missing = await download(ilHead, `/api/v1/documents/${'A'.repeat(43)}/pdf`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.toString('utf8')).toBe(missing.body.toString('utf8'));
    expect(JSON.parse(hidden.body.toString('utf8'))).toEqual({ error: { code: 'not_found', message: 'document not found' } });
  });

  it('refuses a version that is not in force, naming it, and a document that is not minutes or a text', async () => {
    const draft = await created(usDuty.send({ type: 'joint.text', track: 'diplomatic', authoredAt: now(), payload: jointText(['sy', 'il'], 'en', 'Joint statement') as never }));
    await sign(syHead, draft, 'plenary', 'initials');
    const refused = await download(syHead, `/api/v1/documents/${draft}/pdf`);
    expect(refused.status).toBe(409);
    const error = JSON.parse(refused.body.toString('utf8')).error;
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`version 1 (${draft}) is not in force`);

    const asked = await download(syHead, `/api/v1/documents/${draft}/pdf?version=${draft}`);
    expect(asked.status).toBe(409);
    expect(JSON.parse(asked.body.toString('utf8')).error).toMatchObject({ code: 'conflict', field: 'query.version' });

    const term = await created(usDuty.send({ type: 'glossary.term', track: 'general', authoredAt: now(), payload: { term: 'withdrawal', language: 'en' } as never }));
    for (const head of [syHead, ilHead, usChief]) await sign(head, term, 'plenary', 'signature', 'general');
    const glossary = await download(syHead, `/api/v1/documents/${term}/pdf`);
    expect(glossary.status).toBe(400);
    expect(JSON.parse(glossary.body.toString('utf8')).error).toMatchObject({ code: 'validation_failed', field: 'params.documentId' });

    const notADocument = await download(syHead, `/api/v1/documents/${agreedMinutes.slice(0, 42)}x/pdf`);
    expect(notADocument.status).toBe(404);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Evidence } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output, startLoggedInCell, type LoggedInCell, type TestClient } from './client-fixtures.ts';

let cell: LoggedInCell;
let sy: TestClient;
let dir: string;

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  cell = await startLoggedInCell('fusion-cell-attach-', ['sy.duty1']);
  [sy] = cell.clients as [TestClient];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-attach-files-'));
});

afterAll(async () => {
  await cell?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('fusion-cell attach', () => {
  it('uploads a file, typed by its extension, and prints the evidence to name it', async () => {
    const bytes = randomBytes(2048);
    const result = await sy.run(['attach', write('checkpoint 4.png', bytes)]);
    expect(result.code, output(result)).toBe(0);
    const evidence = Evidence.parse(JSON.parse(result.stdout));
    expect(evidence).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), name: 'checkpoint 4.png', mediaType: 'image/png', size: 2048 });

    const stored = await fetch(`${cell.url}/api/v1/attachments/${evidence.sha256}`, { headers: { cookie: `fc_session=${sy.state().session}` } });
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('takes the type from --type, and asks for it when the extension says nothing', async () => {
    const file = write('report.bin', randomBytes(100));
    const unknown = await sy.run(['attach', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--type');

    const typed = await sy.run(['attach', file, '--type', 'application/pdf']);
    expect(typed.code, output(typed)).toBe(0);
    expect(JSON.parse(typed.stdout)).toMatchObject({ name: 'report.bin', mediaType: 'application/pdf', size: 100 });

    const refused = await sy.run(['attach', file, '--type', 'application/zip']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('unknown media type');
  });

  it('refuses an empty file before sending it', async () => {
    const result = await sy.run(['attach', write('empty.txt', Buffer.alloc(0))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is empty');
  });
});

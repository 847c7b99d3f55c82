import { describe, expect, it } from 'vitest';
import { verifyBundle, formatReport } from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { exampleCell } from './fixtures/test-cell.ts';

describe('verifyBundle', () => {
  it('accepts an untampered bundle', async () => {
    const cell = await exampleCell();
    const report = await verifyBundle(JSON.parse(JSON.stringify(cell.bundle('syria'))), { verifier: nodeVerifier() });
    console.log(formatReport(report));
    expect(report.ok).toBe(true);
  });
});

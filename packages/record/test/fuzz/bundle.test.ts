import { beforeAll, describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, FAILURE_CODES, verifyBundle, type Bundle } from '../../src/index.ts';
import { nodeVerifier } from '../../src/node/index.ts';
import { buildBundlePool, bundleTarget } from '../../../../test-support/fuzz/bundle-target.ts';
import { fuzzTimeout } from '../../../../test-support/fuzz/fuzz-settings.ts';
import { assertSoundVerdicts } from '../../../../test-support/fuzz/fuzz-target.ts';
import { exampleCell } from '../fixtures/test-cell.ts';

type Json = Record<string, any>;

async function plenaryOf(change: (plenary: Json) => void): Promise<Json> {
  const bundle = JSON.parse(JSON.stringify((await exampleCell()).bundle('syria'))) as Json;
  change(bundle['compartments'].find((compartment: Json) => compartment['id'] === 'plenary'));
  return bundle;
}

describe('fuzz: offline verification of bundles', () => {
  let pool: Bundle[];

  beforeAll(async () => {
    pool = await buildBundlePool(8);
  });

  it('[R16–R38] verifies sound bundles, never one with damaged signed material, and reports only closed failure codes', async () => {
    await assertSoundVerdicts(bundleTarget(pool), 120, { shrink: false });
  }, fuzzTimeout());

  // Inputs the fuzzer found; each must be reported, not thrown.
  it('[R36] reports a cosignature whose timestamp is beyond any date as invalid', async () => {
    const bundle = await plenaryOf((plenary) => {
      const cosignature = plenary['cosignatures'][0];
      const [dash, name, encoded] = cosignature.line.split(' ');
      const bytes = base64Decode(encoded);
      bytes[5]! ^= 1; // the second byte of the 8-byte timestamp, after the 4-byte key ID: about 2^48 seconds
      cosignature.line = `${dash} ${name} ${base64Encode(bytes)}`;
    });
    const report = await verifyBundle(bundle, { verifier: nodeVerifier() });
    expect(report.failures.map((failure) => failure.code)).toContain('cosignature_invalid');
  });

  it.each(['fusion-cell/paris/plenary x', '', 'fusion-cell/paris/plen+ary', 'fusion-cell/paris/\nplenary'])(
    '[R18] reports the compartment origin %j as invalid, with cosignatures present',
    async (origin) => {
      const bundle = await plenaryOf((plenary) => {
        plenary['origin'] = origin;
      });
      const report = await verifyBundle(bundle, { verifier: nodeVerifier() });
      expect(report.ok).toBe(false);
      expect(report.failures.map((failure) => failure.code)).toContain('compartment_invalid');
      for (const failure of report.failures) expect(FAILURE_CODES).toContain(failure.code);
    },
  );
});

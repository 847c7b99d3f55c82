import { Command } from 'commander';
import { CompartmentLogList, DeviceList } from '@fusion-cell/protocol';
import { constantTimeEqual, logKeyName, parseVerifierKey, SIGNATURE_TYPE_ED25519, type VerifierKey } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { withHomeFlag } from '../client/client-home.ts';
import { loadCosigners } from '../client/cosigner-directory.ts';
import { openSession, requireDevice, updateState, type ClientSession } from '../client/session.ts';
import { witnessCompartment, type WitnessOutcome } from '../client/witness.ts';

interface CosignFlags {
  json?: boolean;
  home?: string;
}

export function cosignCommand(): Command {
  return withHomeFlag(new Command('cosign'))
    .description("witness the logs of your party's compartments: verify each latest checkpoint, then countersign it (for cron); exits 1 on any inconsistency")
    .option('--json', 'print the outcome as JSON')
    .action(async (flags: CosignFlags) => {
      const session = openSession(flags.home);
      const { api, state } = session;
      const verifier = nodeVerifier();
      const record = await api.getJson('/api/v1/record', CompartmentLogList);

      const pin = pinLogKey(session, record.logKey);
      if (!pin.ok) {
        report(flags.json, { ok: false, logKey: record.logKey, alarm: pin.problem, compartments: [] });
        process.exitCode = 1;
        return;
      }
      const device = await approvedDevice(session);
      const cosigners = await loadCosigners(api, state.cell, pin.key.publicKey, verifier);
      const outcomes: WitnessOutcome[] = [];
      for (const log of record.compartments) {
        outcomes.push(
          await witnessCompartment(
            { api, home: session.home, cell: state.cell, party: state.party, logKey: pin.key, verifier, cosigners, device, nowSeconds: () => Math.floor(Date.now() / 1000) },
            log,
          ),
        );
      }
      const ok = outcomes.every((outcome) => outcome.verdict === 'cosigned' || outcome.verdict === 'already-cosigned' || (outcome.verdict === 'verified' && outcome.problems.length === 0));
      report(flags.json, { ok, logKey: record.logKey, pinnedNow: pin.pinnedNow, compartments: outcomes });
      if (!ok) process.exitCode = 1;
    });
}

type PinResult = { ok: true; key: VerifierKey; pinnedNow: boolean } | { ok: false; problem: string };

/**
 * Trust on first use: the first log key seen for the cell is pinned in the state file; a
 * different key later is an alarm, never silently accepted.
 */
function pinLogKey(session: ClientSession, announced: string): PinResult {
  const { state } = session;
  let key: VerifierKey;
  try {
    key = parseVerifierKey(announced);
  } catch (error) {
    return { ok: false, problem: `the server announces an unusable log key ${announced}: ${(error as Error).message}` };
  }
  if (key.type !== SIGNATURE_TYPE_ED25519 || key.name !== logKeyName(state.cell)) {
    return { ok: false, problem: `the server announces the log key ${announced}, which is not an Ed25519 key named ${logKeyName(state.cell)}` };
  }
  const pinnedText = state.logKeys[state.cell];
  if (pinnedText === undefined) {
    updateState(session, (current) => ({ ...current, logKeys: { ...current.logKeys, [current.cell]: announced } }));
    return { ok: true, key, pinnedNow: true };
  }
  const pinned = parseVerifierKey(pinnedText);
  if (pinned.name !== key.name || !constantTimeEqual(pinned.publicKey, key.publicKey)) {
    return { ok: false, problem: `the server now signs with the log key ${announced}, but this client pinned ${pinnedText}: nothing was cosigned` };
  }
  return { ok: true, key: pinned, pinnedNow: false };
}

/**
 * This client's device if the server lists it as approved (its state is refreshed). A
 * cosignature's time is in whole seconds: one made in the same second as the approval would
 * predate it, so the first cosignature waits for the next second.
 */
async function approvedDevice(session: ClientSession): Promise<ReturnType<typeof requireDevice> | undefined> {
  const device = requireDevice(session);
  const { devices } = await session.api.getJson('/api/v1/devices', DeviceList);
  const listed = devices.find((candidate) => candidate.id === device.id);
  const status = listed?.status ?? 'unknown';
  if (session.state.device && session.state.device.status !== status) {
    updateState(session, (current) => ({ ...current, device: current.device && { ...current.device, status } }));
  }
  if (status !== 'approved') return undefined;
  const approvedAt = listed?.approvedAt ? Date.parse(listed.approvedAt) : 0;
  const wait = Math.ceil(approvedAt / 1000) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return device;
}

interface CosignReport {
  ok: boolean;
  logKey: string;
  pinnedNow?: boolean;
  alarm?: string;
  compartments: WitnessOutcome[];
}

function report(json: boolean | undefined, result: CosignReport): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if (result.alarm) {
    console.error(`ALARM: ${result.alarm}`);
    return;
  }
  if (result.pinnedNow) console.log(`Pinned the log key ${result.logKey} (trust on first use).`);
  const width = Math.max(0, ...result.compartments.map((outcome) => outcome.compartment.length));
  for (const outcome of result.compartments) {
    const size = outcome.size === null ? '-' : String(outcome.size);
    const also = outcome.cosignedBy.length ? `; also cosigned by ${outcome.cosignedBy.join(', ')}` : '';
    const line = `${outcome.compartment.padEnd(width)}  size ${size.padEnd(5)} ${outcome.verdict}${outcome.consistency ? ` (${outcome.consistency})` : ''}${also}`;
    if (outcome.verdict === 'alarm' || outcome.verdict === 'error') {
      console.error(`ALARM ${line}`);
      for (const problem of outcome.problems) console.error(`  ${problem}`);
    } else {
      console.log(line);
      for (const problem of outcome.problems) console.error(`  ${problem}`);
    }
  }
  const alarms = result.compartments.filter((outcome) => outcome.verdict === 'alarm').length;
  if (alarms > 0) console.error(`${alarms} compartment(s) NOT cosigned: the server showed this client a log that does not hold together.`);
}

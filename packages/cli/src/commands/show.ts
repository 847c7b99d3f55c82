import { Command } from 'commander';
import { itemTypeDefinition, ItemState, type ItemObligationStatus } from '@fusion-cell/protocol';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { printTable } from '../output.ts';
import { itemIdArgument } from './send.ts';

/** `fusion-cell show`: one item with the state derived around it, for a desk without a browser. */
export function showCommand(): Command {
  return withHomeFlag(new Command('show'))
    .description('show one item: what it asks of each party and how far each has answered, what refers to it, its escalations and lifecycle')
    .argument('<item>', 'the item id', (value: string) => itemIdArgument(value, [])[0] ?? value)
    .option('--json', 'print the state as the API gives it')
    .action(async (item: string, flags: { json?: boolean; home?: string }) => {
      const session = openSession(flags.home);
      const state = await session.api.getJson(`/api/v1/items/${encodeURIComponent(item)}/state`, ItemState);
      if (flags.json) {
        console.log(JSON.stringify(state, null, 2));
        return;
      }
      printItemState(state);
    });
}

function printItemState(state: ItemState): void {
  console.log(`${state.type} ${state.item.id}`);
  console.log(`  ${state.item.compartment} #${state.item.index}, track ${state.track}, received ${state.item.receivedAt}`);
  console.log(`  by ${state.author} (${state.authorParty}), authored ${state.authoredAt}`);
  // The fields the type names an item by, in its own order of preference.
  for (const field of itemTypeDefinition(state.type)?.summary ?? []) {
    const value = state.payload?.[field];
    if (value !== undefined && value !== '') console.log(`  ${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  if (state.payload === null) console.log('  (its payload cannot be read by this server’s version of the type)');
  if (state.references.length > 0) console.log(`  refers to ${state.references.join(', ')}`);
  if (state.lifecycle) {
    const { name, state: where, since, by } = state.lifecycle;
    console.log(`  ${name}: ${where}${since ? ` since ${since}` : ''}${by && by !== state.item.id ? ` (${by})` : ''}`);
  }

  section(
    'What it asks',
    state.obligations.map((obligation) => ({
      party: obligation.party,
      owes: `${obligation.kind} ${obligation.required}`,
      due: obligation.dueAt,
      state: obligationState(obligation),
      by: obligation.metBy ?? obligation.escalation ?? '',
    })),
  );
  section(
    'Acknowledgments',
    state.acknowledgments.map((given) => ({ party: given.party, level: given.level, at: given.at, member: given.member, item: given.item })),
  );
  section(
    'Referred to by',
    state.referencedBy.map((referrer) => ({
      type: referrer.type,
      party: referrer.party,
      compartment: referrer.compartment,
      received: referrer.receivedAt,
      answers: referrer.answers ? 'yes' : '',
      item: referrer.id,
    })),
  );
  if (state.document) {
    const { version, latest, inForce, versions } = state.document;
    console.log(`\nDocument ${state.document.id}: this is version ${version} of ${latest.number}; ${inForce ? `version ${inForce.number} is in force` : 'no version is in force yet'}`);
    printTable(
      versions.map((entry) => ({
        version: String(entry.number),
        state: entry.state,
        initialled: entry.done.initials.join(' '),
        signed: entry.done.signature.join(' '),
        awaiting: entry.nextAct ? `${entry.nextAct}: ${entry.awaiting.join(' ')}` : '',
        item: entry.id,
      })),
      false,
    );
  }
  section(
    'Findings of the cell',
    state.findings.map((finding) => ({ check: finding.check, result: finding.result === 'flagged' ? 'FLAGGED' : finding.result, at: finding.at, item: finding.item })),
  );
  section(
    'Escalations',
    state.escalations.map((escalation) => ({ party: escalation.party, required: escalation.required, due: escalation.dueAt, at: escalation.at, item: escalation.item })),
  );
  if (Object.keys(state.details).length > 0) {
    console.log('\nDetails');
    console.log(JSON.stringify(state.details, null, 2));
  }
}

function obligationState(obligation: ItemObligationStatus): string {
  if (obligation.met) return `met ${obligation.metAt ?? ''}${obligation.reached ? ` (${obligation.reached})` : ''}`;
  const reached = obligation.reached ? `, ${obligation.reached} so far` : '';
  if (obligation.escalatedAt) return `ESCALATED ${obligation.escalatedAt}${reached}`;
  return `${obligation.overdue ? 'OVERDUE' : obligation.urgent ? 'URGENT' : 'open'}${reached}`;
}

function section(heading: string, rows: Array<Record<string, string>>): void {
  console.log(`\n${heading}`);
  printTable(rows, false);
}

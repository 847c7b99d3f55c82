import { Command } from 'commander';
import fs from 'node:fs';
import {
  describeStixProblem,
  planStixImportFromText,
  StixImportSummaryView,
  Tlp,
  type StixImportSummary,
} from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { submitItem } from '../client/submit-item.ts';
import { printTable } from '../output.ts';
import { oneOf } from './send.ts';

interface ExportFlags {
  out: string;
  compartment?: string;
  home?: string;
}

interface ImportFlags {
  compartment: string;
  dryRun?: boolean;
  unmarkedTlp?: Tlp;
  json?: boolean;
  home?: string;
}

/** `fusion-cell stix`: reports out and in as STIX 2.1 bundles. */
export function stixCommand(): Command {
  return new Command('stix').description('export the reports you may see as a STIX 2.1 bundle, or import a bundle’s reports').addCommand(exportCommand()).addCommand(importCommand());
}

function exportCommand(): Command {
  return withHomeFlag(new Command('export'))
    .description('write the reports you may see, with the opinions on them, as a STIX 2.1 bundle')
    .requiredOption('--out <file>', 'where to write the bundle, or - for standard output')
    .option('--compartment <id>', 'only the reports of this compartment (every compartment you read by default)')
    .action(async (flags: ExportFlags) => {
      const query = flags.compartment ? `?${new URLSearchParams({ compartment: flags.compartment }).toString()}` : '';
      const text = await openSession(flags.home).api.getText(`/api/v1/stix/export${query}`);
      if (flags.out === '-') {
        process.stdout.write(`${text}\n`);
        return;
      }
      fs.writeFileSync(flags.out, `${text}\n`);
      const bundle = JSON.parse(text) as { objects: Array<{ type: string }> };
      const reports = bundle.objects.filter((object) => object.type === 'report').length;
      console.log(`Wrote ${bundle.objects.length} STIX objects, ${reports} report${reports === 1 ? '' : 's'}, to ${flags.out}.`);
    });
}

/**
 * Checks a bundle with the server (the same protocol code that maps it here), says what would be
 * entered, kept and skipped, then signs each report with this client's device and enters it.
 * A refused bundle enters nothing; `--dry-run` stops after saying what it would do.
 */
function importCommand(): Command {
  return withHomeFlag(new Command('import'))
    .description('check a STIX 2.1 bundle and enter its reports, each signed by this device')
    .argument('<file>', 'the bundle (JSON)')
    .requiredOption('--compartment <id>', 'where the reports are entered, such as caucus-sy')
    .option('--dry-run', 'say what would be entered, kept and skipped, and enter nothing')
    .option('--unmarked-tlp <level>', `the marking of reports that carry none: ${Tlp.options.join(', ')} (refused without it)`, oneOf('TLP', Tlp.options))
    .option('--json', 'print the summary as the API gives it')
    .action(async (file: string, flags: ImportFlags) => {
      const text = readBundle(file);
      const plan = planStixImportFromText(text, { unmarkedTlp: flags.unmarkedTlp });
      if (!plan.ok) {
        const [problem] = plan.problems;
        throw new ClientError(`the bundle is refused, nothing was entered: ${problem ? describeStixProblem(problem) : 'invalid'}`);
      }
      const session = openSession(flags.home);
      const body = { compartment: flags.compartment, bundle: JSON.parse(text) as unknown, ...(flags.unmarkedTlp ? { unmarkedTlp: flags.unmarkedTlp } : {}) };
      const { body: summary } = await session.api.postJson('/api/v1/stix/validate', body, StixImportSummaryView);
      if (flags.json) console.log(JSON.stringify(summary, null, 2));
      else printSummary(summary);
      if (flags.dryRun) {
        if (!flags.json) console.log('Dry run: nothing was entered.');
        return;
      }
      for (const [index, report] of plan.reports.entries()) {
        const receipt = await submitItem(session, { compartment: flags.compartment, type: 'intel.report', track: 'intelligence', payload: report.payload as unknown as JsonObject, references: [] });
        if (!flags.json) console.log(`[${index + 1}/${plan.reports.length}] Entered ${receipt.id} (${report.stixId}) to ${receipt.compartment}: entry #${receipt.index}.`);
      }
      if (!flags.json) console.log(`Imported ${plan.reports.length} report${plan.reports.length === 1 ? '' : 's'}.`);
    });
}

function printSummary(summary: StixImportSummary): void {
  console.log(`${summary.objects} STIX objects in ${summary.bundleId}; ${summary.reports.length} report${summary.reports.length === 1 ? '' : 's'} to enter.`);
  if (summary.reports.length > 0) {
    printTable(
      summary.reports.map((report) => ({ tlp: report.tlp, language: report.language, kept: String(report.kept), title: report.title, notes: report.notes.map((note) => note.code).join(' ') })),
      false,
    );
  }
  const counts = (label: string, entries: Array<[string, number, string?]>) =>
    console.log(`${label}: ${entries.length === 0 ? 'none' : entries.map(([type, count, why]) => `${type} ${count}${why ? ` (${why})` : ''}`).join(', ')}`);
  counts('Read into the reports', Object.entries(summary.mapped));
  counts('Kept as STIX', Object.entries(summary.kept));
  counts(
    'Skipped',
    summary.skipped.map((entry) => [entry.type, entry.count, entry.reason]),
  );
}

function readBundle(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClientError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

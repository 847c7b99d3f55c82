import { FAILURE_RULES, type FailureCode, type RuleId } from './failure-codes.ts';

export interface VerificationFailure {
  rule: RuleId;
  code: FailureCode;
  compartment?: string;
  index?: number;
  message: string;
}

export interface VerificationReport {
  ok: boolean;
  checked: { entries: number; checkpoints: number; cosignatures: number; devices: number };
  failures: VerificationFailure[];
}

/** Collects failures while the checklist runs. */
export class FailureList {
  readonly items: VerificationFailure[] = [];

  add(code: FailureCode, message: string, where: { compartment?: string; index?: number } = {}): void {
    this.items.push({
      rule: FAILURE_RULES[code],
      code,
      ...(where.compartment !== undefined ? { compartment: where.compartment } : {}),
      ...(where.index !== undefined ? { index: where.index } : {}),
      message,
    });
  }

  has(code: FailureCode): boolean {
    return this.items.some((failure) => failure.code === code);
  }
}

const SHOWN_FAILURES = 50;

/** A report as text for a terminal: a verdict line, then one line per failure. */
export function formatReport(report: VerificationReport): string {
  const { entries, checkpoints, cosignatures, devices } = report.checked;
  const counts = `${entries} entries, ${checkpoints} checkpoints, ${cosignatures} cosignatures, ${devices} devices`;
  if (report.ok) return `VERIFIED: ${counts} checked, no failures.\n`;
  const lines = [`FAILED: ${report.failures.length} failure(s); ${counts} checked.`];
  for (const failure of report.failures.slice(0, SHOWN_FAILURES)) {
    const where = [failure.compartment, failure.index !== undefined ? `#${failure.index}` : undefined]
      .filter((part) => part !== undefined)
      .join(' ');
    lines.push(`  [${failure.rule}] ${failure.code}${where ? ` (${where})` : ''}: ${failure.message}`);
  }
  if (report.failures.length > SHOWN_FAILURES) {
    lines.push(`  … and ${report.failures.length - SHOWN_FAILURES} more`);
  }
  return `${lines.join('\n')}\n`;
}

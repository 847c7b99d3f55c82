// What the crowd counts between two marks: every request's time and outcome by kind, and the
// stream's deliveries and failures.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { RequestSummary, WindowReport } from './crowd-protocol.ts';
import { NO_ANSWER } from './member-http.ts';

const MAX_ERRORS = 20;

/** A growable list of numbers. */
class Series {
  private values = new Float64Array(4096);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

class KindStats {
  readonly times = new Series();
  clientErrors = 0;
  serverErrors = 0;
  noAnswer = 0;

  add(status: number, ms: number): void {
    this.times.push(ms);
    if (status === NO_ANSWER) this.noAnswer += 1;
    else if (status >= 500) this.serverErrors += 1;
    else if (status >= 400) this.clientErrors += 1;
  }
}

export class WindowStats {
  private started = performance.now();
  private kinds = new Map<string, KindStats>();
  private all = new KindStats();
  private deliveries = new Series();
  private loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  unexpectedCloses = 0;
  errorFrames = 0;
  resumeHints = 0;
  private errors: string[] = [];

  constructor() {
    this.loopDelay.enable();
  }

  request(kind: string, status: number, ms: number): void {
    let stats = this.kinds.get(kind);
    if (!stats) this.kinds.set(kind, (stats = new KindStats()));
    stats.add(status, ms);
    this.all.add(status, ms);
  }

  delivered(ms: number): void {
    this.deliveries.push(ms);
  }

  error(text: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(text);
  }

  /** Everything since the last mark; counting starts again from now. */
  report(members: number): WindowReport {
    const byKind: Record<string, RequestSummary> = {};
    for (const [kind, stats] of this.kinds) byKind[kind] = summarise(stats, stats.times.sorted());
    const deliveries = this.deliveries.sorted();
    this.loopDelay.disable();
    const sampled = this.loopDelay.count > 0;
    const report: WindowReport = {
      ms: performance.now() - this.started,
      members,
      all: summarise(this.all, this.all.times.sorted()),
      byKind,
      delivery: { count: deliveries.length, p50: at(deliveries, 50), p99: at(deliveries, 99), max: deliveries[deliveries.length - 1] ?? NaN },
      unexpectedCloses: this.unexpectedCloses,
      errorFrames: this.errorFrames,
      resumeHints: this.resumeHints,
      errors: this.errors,
      loopDelayP99: sampled ? this.loopDelay.percentile(99) / 1e6 : NaN,
      loopDelayMax: sampled ? this.loopDelay.max / 1e6 : NaN,
    };
    this.reset();
    return report;
  }

  private reset(): void {
    this.started = performance.now();
    this.kinds = new Map();
    this.all = new KindStats();
    this.deliveries = new Series();
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
    this.unexpectedCloses = 0;
    this.errorFrames = 0;
    this.resumeHints = 0;
    this.errors = [];
  }
}

function summarise(stats: KindStats, sorted: Float64Array): RequestSummary {
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : NaN,
    p99: at(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    clientErrors: stats.clientErrors,
    serverErrors: stats.serverErrors,
    noAnswer: stats.noAnswer,
  };
}

function at(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

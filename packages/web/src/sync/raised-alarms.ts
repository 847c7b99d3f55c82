import type { CompartmentState } from './compartment-state.ts';
import type { Alarm } from './sync-types.ts';
import { trustStore, type TrustScope } from './trust-store.ts';

/** Where alarms about the cell's log key are kept, beside the compartments' own. */
const LOG_KEY_ALARMS = '@log-key';

/**
 * The alarms of one party's view: a compartment's on its state, the log key's here, each
 * written to the trust store as it is raised so a reload cannot forget it. A code is raised
 * once per place; the first account of it is the one kept.
 */
export class RaisedAlarms {
  /** About the cell's log key, not one compartment: they stop every compartment. */
  cell: Alarm[] = [];

  constructor(private readonly scope: TrustScope) {}

  async loadCell(): Promise<void> {
    this.cell = await trustStore.alarms<Alarm>(this.scope, LOG_KEY_ALARMS);
  }

  async loadCompartment(state: CompartmentState): Promise<void> {
    state.alarms = await trustStore.alarms<Alarm>(this.scope, state.id);
  }

  /** `state` null: an alarm about the cell's log key. */
  async raise(state: CompartmentState | null, code: Alarm['code'], values: Record<string, number>, detail: string, evidence?: string[]): Promise<void> {
    const current = state ? state.alarms : this.cell;
    if (current.some((alarm) => alarm.code === code)) return;
    const alarm: Alarm = { code, compartment: state?.id ?? null, raisedAt: new Date().toISOString(), values, detail, ...(evidence ? { evidence } : {}) };
    const alarms = [...current, alarm];
    if (state) state.alarms = alarms;
    else this.cell = alarms;
    await trustStore.saveAlarms(this.scope, state?.id ?? LOG_KEY_ALARMS, alarms);
  }
}

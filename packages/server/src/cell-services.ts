import type { RecordRuntime } from './record/record-runtime.ts';
import type { Services } from './services.ts';

/** Services of a server whose cell exists: everything, including the record. */
export interface CellServices extends Services {
  record: RecordRuntime;
}

import type { FindingCheckKey, FindingPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { CellServices } from '../cell-services.ts';

/** What a check found about one item: the finding's payload without its key and subject. */
export type FindingResult = Pick<FindingPayload, 'result' | 'checked' | 'detail'>;

/** The server's half of an automatic check: the protocol declares its key and detail, this runs it. */
export interface FindingRunner<Check extends FindingCheckKey = FindingCheckKey> {
  check: Check;
  run(services: CellServices, subject: { id: string; envelope: Envelope }): Promise<FindingResult>;
}

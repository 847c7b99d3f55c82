import type { Envelope } from '@fusion-cell/record';
import type { CellContext } from '../cell/cell-context.ts';
import { checkDocumentVersion, deriveDocumentVersion, isDocumentVersion } from '../documents/document-versions.ts';
import { checkLifecycleMove, deriveLifecycle, movesAnyLifecycle } from '../lifecycles/lifecycle-moves.ts';
import type { Actor } from '../policy/actor.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import type { Executor, RuleServices } from './server-item-type.ts';

/**
 * What a type's declaration alone asks of the server, whatever the type: its lifecycle's
 * moves, its documents' versions. (Its automatic checks run as the entry is appended: `findings/run-checks.ts`.) A track's type gets them by
 * declaring them, with no server code of its own.
 */
export async function checkDeclaredBehaviour(services: RuleServices, actor: Actor, envelope: Envelope): Promise<void> {
  await checkLifecycleMove(services, actor, envelope);
  await checkDocumentVersion(services, envelope);
}

/** Whether those checks read state that a concurrent append can change. */
export function declaredBehaviourDependsOnState(type: string): boolean {
  return movesAnyLifecycle(type) || isDocumentVersion(type);
}

export async function deriveDeclaredBehaviour(trx: Executor, context: CellContext, entry: AppliedEntry, authorParty: string): Promise<void> {
  await deriveLifecycle(trx, entry);
  await deriveDocumentVersion(trx, context, entry, authorParty);
}

import { bracketAction, decideAction, JointTextBracketContent, JointTextContent, JointTextDecisionContent, JointTextSuggestionContent, suggestAction } from '../features/diplomatic/texts/text-items.tsx';
import type { PartyKind } from '@fusion-cell/protocol';
import { jointTextOf } from '../features/diplomatic/texts/joint-text-state.ts';
import { defineWebItemType, type ActionContext } from './web-item-type.ts';

/** A version stays unsigned while any party's bracket on the text is open. */
function openBracketsBlock({ target, graph, members, cell }: ActionContext): boolean {
  const partiesOf = () => target.compartment.parties.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  return (jointTextOf(target.id, graph, members, partiesOf)?.openBrackets.length ?? 0) > 0;
}

// The single negotiating text: its versions, brackets, suggestions and the pen-holder's decisions.
// Versions are composed, compared and signed in the diplomatic track's texts view.
export const jointTextView = defineWebItemType({ type: 'joint.text', nameKey: 'jointText', render: (payload, envelope) => <JointTextContent payload={payload} envelope={envelope} />, actions: [bracketAction, suggestAction], signingBlocked: openBracketsBlock });
export const jointTextBracketView = defineWebItemType({ type: 'joint.text.bracket', nameKey: 'jointTextBracket', render: (payload) => <JointTextBracketContent payload={payload} /> });
export const jointTextSuggestionView = defineWebItemType({ type: 'joint.text.suggestion', nameKey: 'jointTextSuggestion', render: (payload) => <JointTextSuggestionContent payload={payload} /> });
export const jointTextDecisionView = defineWebItemType({ type: 'joint.text.decision', nameKey: 'jointTextDecision', render: (payload) => <JointTextDecisionContent payload={payload} />, actions: [decideAction] });

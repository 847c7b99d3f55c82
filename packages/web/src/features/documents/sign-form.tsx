import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSigning, type PartyKind } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { webItemType } from '../../item-types/registry.ts';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { documentOf, useDocument } from './document-state.ts';

/**
 * A head of delegation gives the party's initials or signature to the version shown: the act
 * the document asks for next, bound to this version's id, with a statement if they make one.
 */
export function SignForm({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const { snapshot } = useRecordSync();
  const document = useDocument(target.id, snapshot.members);
  const [statement, setStatement] = useState('');
  const act = document?.status.latest.nextAct;
  if (!document || !act) return null;
  const draft = (language: string) => {
    const payload: JsonObject = { act, version: target.id };
    if (statement.trim() !== '') Object.assign(payload, { statement: statement.trim(), language });
    return { payload };
  };
  return (
    <ItemForm type="document.sign" testId="sign" className="answer-form sign-form" attributes={{ 'data-act': act }} place={target} references={[target.id]} draft={draft} onEntered={onDone}>
      <p className="hint" data-testid="sign-what">
        {t(`documents.signWhat.${act}`, { number: document.status.latest.number })}
      </p>
      <TextField field="statement" label={t('documents.statement')} testId="sign-statement" rows={2} value={statement} onChange={setStatement} />
      <FormLanguage />
      <FormSubmit>{t(`documents.submit.${act}`)}</FormSubmit>
    </ItemForm>
  );
}

/** Whether the reader's party may give its next act on this version now: the latest, its turn, not done. */
function maySign(context: ActionContext): boolean {
  const { target, reader, graph, members, cell } = context;
  const partiesOf = () => target.compartment.parties.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  const document = documentOf(target.id, graph, members, partiesOf);
  const act = document?.status.latest.nextAct;
  if (!document || !act) return false;
  if (webItemType(target.type)?.signingBlocked?.(context) === true) return false;
  return checkSigning(document.declaration, document.status, { id: target.id, payload: target.payload }, reader.party, act).allowed;
}

/** Offered on the latest version of a co-signed document, to a head of a party that still has to act on it. */
export const signAction: ItemAction = { id: 'sign', offered: maySign, Panel: SignForm };

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '@fusion-cell/record';
import { usePartyName } from '../../../components/use-names.ts';
import { useAuthenticated } from '../../auth/session-context.ts';
import { TextField } from '../../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../../forms/item-form.tsx';
import { mayCreate } from '../../items/permissions.ts';
import { signingBlock, type JointText, type TextVersion } from './joint-text-state.ts';

/**
 * What the reader's party is asked to do on the version shown, and the dialog that does it:
 * its initials (*ad referendum*) until every party initialled, then its signature, each bound
 * to this version's hash. It shows exactly what is signed; with brackets open or options
 * still standing, it says so and offers no button that works.
 */
export function SignDialog({ text, version }: { text: JointText; version: TextVersion }) {
  const { t } = useTranslation();
  const headingId = useId();
  const partyName = usePartyName();
  const { session } = useAuthenticated();
  const [open, setOpen] = useState(false);
  const [statement, setStatement] = useState('');
  const { status } = text.document;
  const party = session.party.id;
  const latest = status.latest;
  if (version.id !== latest.id) {
    return (
      <p className="message message-warning" data-testid="sign-stale" data-version={version.number}>
        {t('jointText.sign.stale', { number: version.number, latest: latest.number })}
      </p>
    );
  }
  const act = latest.nextAct;
  const author = { roles: session.member.roles, partyKind: session.party.kind };
  if (!act || !latest.signers.includes(party) || !mayCreate('document.sign', author)) return null;
  if (latest.done[act].includes(party)) {
    return (
      <p className="hint" data-testid="sign-done" data-act={act}>
        {t(`jointText.sign.done.${act}`, { parties: latest.awaiting.map(partyName).join(', ') })}
      </p>
    );
  }
  const block = signingBlock(text);
  const options = block?.kind === 'options' ? block.passages : [];
  return (
    <div className="text-sign" data-testid="text-sign" data-act={act}>
      <button type="button" className="button button-primary" data-testid="text-sign-open" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(`jointText.sign.open.${act}`, { number: version.number })}
      </button>
      {open && (
        <section className="text-sign-dialog" role="dialog" aria-labelledby={headingId} data-testid="text-sign-dialog" data-act={act} data-blocked={block?.kind ?? ''}>
          <h4 id={headingId}>{t(`jointText.sign.heading.${act}`)}</h4>
          <dl className="text-sign-what">
            <div>
              <dt>{t('jointText.sign.version')}</dt>
              <dd data-testid="text-sign-version">{version.number}</dd>
            </div>
            <div>
              <dt>{t('jointText.sign.hash')}</dt>
              <dd>
                <code data-testid="text-sign-hash">{version.id}</code>
              </dd>
            </div>
            <div>
              <dt>{t('jointText.sign.brackets')}</dt>
              <dd data-testid="text-sign-brackets" data-count={text.openBrackets.length}>
                {text.openBrackets.length === 0 ? t('jointText.sign.none') : text.openBrackets.map((bracket) => t('jointText.sign.bracket', { party: partyName(bracket.party), passage: bracket.passage })).join('; ')}
              </dd>
            </div>
            <div>
              <dt>{t('jointText.sign.options')}</dt>
              <dd data-testid="text-sign-options" data-count={options.length}>
                {options.length === 0 ? t('jointText.sign.none') : options.join(', ')}
              </dd>
            </div>
          </dl>
          {block ? (
            <>
              <p className="message message-error" data-testid="text-sign-blocked" data-reason={block.kind}>
                {block.kind === 'brackets' ? t('jointText.sign.blockedBrackets', { count: block.count }) : t('jointText.sign.blockedOptions', { passages: block.passages.join(', ') })}
              </p>
              <button type="button" className="button button-primary" disabled data-testid="text-sign-submit">
                {t(`documents.submit.${act}`)}
              </button>
            </>
          ) : (
            <ItemForm
              type="document.sign"
              testId="text-sign"
              className="answer-form sign-form"
              attributes={{ 'data-act': act }}
              place={{ compartment: text.compartment, track: 'diplomatic' }}
              references={[version.id]}
              draft={(language) => {
                const payload: JsonObject = { act, version: version.id };
                if (statement.trim() !== '') Object.assign(payload, { statement: statement.trim(), language });
                return { payload };
              }}
              onEntered={() => setOpen(false)}
            >
              <p className="hint">{t(`documents.signWhat.${act}`, { number: version.number })}</p>
              <TextField field="statement" label={t('documents.statement')} testId="text-sign-statement" rows={2} value={statement} onChange={setStatement} />
              <FormLanguage />
              <FormSubmit>{t(`documents.submit.${act}`)}</FormSubmit>
            </ItemForm>
          )}
        </section>
      )}
    </div>
  );
}

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isBroaderAudience,
  ITEM_TYPES,
  Language,
  newReleaseNonce,
  RELEASE_TLP_LEVELS,
  releaseCommitment,
  Tlp,
  tlpMayLeaveCompartment,
  tlpRefusal,
  type CompartmentKind,
  type CompartmentSummary,
} from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import { useCompartmentName } from '../../components/use-names.ts';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { FormField, TextField } from '../forms/form-field.tsx';
import { FormLanguage, FormSubmit, ItemForm } from '../forms/item-form.tsx';
import { CompartmentSelect } from '../forms/place-select.tsx';
import { ItemContent } from '../items/item-content.tsx';
import { useItemGraph } from '../items/item-graph.ts';
import { useTypeName } from '../items/type-names.ts';
import { Hash, ReleaseMarking } from './release-content.tsx';
import './release.css';

type ReleaseTlpLevel = (typeof RELEASE_TLP_LEVELS)[number];
type ReleaseProblem = 'commitmentPending' | 'tlpNotHere';

const RELEASE_COMPARTMENT_KINDS: readonly CompartmentKind[] = ITEM_TYPES['intel.release'].compartments ?? [];

/** The compartments an item of `original` may be released into: broader ones the type allows. */
export function releaseTargets(compartments: readonly CompartmentSummary[], original: CompartmentSummary): CompartmentSummary[] {
  return compartments.filter((compartment) => RELEASE_COMPARTMENT_KINDS.includes(compartment.kind) && isBroaderAudience(compartment.parties, original.parties));
}

/** The text an extract starts from: the original's authoritative text, else what names it. */
function startingText(payload: Record<string, unknown>, summary: readonly string[]): string {
  for (const field of ['body', 'text', ...summary]) {
    const value = payload[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

function startingTitle(payload: Record<string, unknown>, text: string): string {
  const title = payload['title'];
  if (typeof title === 'string') return title;
  // A first line, short enough to be a title.
  return (text.split('\n')[0] ?? '').slice(0, 120).trim();
}

/**
 * The tear line, side by side: the original as it stands, read only, and the extract the
 * reader's party releases of it into a broader compartment, edited from the original's text.
 * The commitment to the original is computed here with WebCrypto from a nonce drawn here; the
 * nonce and the original's id go beside the envelope, so the broader compartment never sees them.
 */
function ReleasePanel({ target, onDone }: ActionPanelProps) {
  const { t } = useTranslation();
  const { session } = useAuthenticated();
  const graph = useItemGraph();
  const typeName = useTypeName();
  const compartmentName = useCompartmentName();
  const headingId = useId();
  const original = graph.byId.get(target.id);
  const envelope = original?.signed?.envelope;
  const payload = envelope?.payload ?? {};
  const from = session.compartments.find((compartment) => compartment.id === target.compartment);
  const targets = from ? releaseTargets(session.compartments, from) : [];
  const definition = envelope ? (ITEM_TYPES as Record<string, { summary: readonly string[] }>)[envelope.type] : undefined;
  const text = startingText(payload, definition?.summary ?? []);
  const originalTlp = Tlp.safeParse(payload['tlp']);
  const originalLanguage = Language.safeParse(payload['language']);
  const location = payload['location'] as JsonObject | undefined;

  const [destination, setDestination] = useState(targets.find((compartment) => compartment.kind === 'plenary')?.id ?? targets[0]?.id ?? '');
  const [title, setTitle] = useState(() => startingTitle(payload, text));
  const [extract, setExtract] = useState(text);
  const [tlp, setTlp] = useState<ReleaseTlpLevel>(originalTlp.success && originalTlp.data !== 'RED' ? originalTlp.data : 'AMBER');
  const [withLocation, setWithLocation] = useState(false);
  const [nonce] = useState(newReleaseNonce);
  const [commitment, setCommitment] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void releaseCommitment(nonce, target.id).then((value) => current && setCommitment(value));
    return () => {
      current = false;
    };
  }, [nonce, target.id]);

  if (!envelope || !from) return null;
  const destinationKind = targets.find((compartment) => compartment.id === destination)?.kind;

  return (
    <section className="release-panel" aria-labelledby={headingId} data-testid="release-panel">
      <h3 id={headingId} className="release-panel-heading">
        {t('release.heading')}
      </h3>
      <p className="hint">{t('release.lead')}</p>
      <div className="release-columns">
        <section className="release-column release-original" data-testid="release-original" aria-label={t('release.originalHeading')}>
          <h4 className="release-column-heading">{t('release.originalHeading')}</h4>
          <p className="release-marking-row">
            <span className="tag tag-type">{typeName(envelope.type)}</span>
            <span className="tag">{compartmentName(from)}</span>
          </p>
          <div className="release-original-body">
            <ItemContent envelope={envelope} />
          </div>
        </section>
        <section className="release-column release-extract" aria-label={t('release.extractHeading')}>
          <div className="release-marking-row">
            <h4 className="release-column-heading">{t('release.extractHeading')}</h4>
            <ReleaseMarking tlp={tlp} testId="release-extract-tlp" />
          </div>
          {targets.length === 0 ? (
            <p className="message message-info" data-testid="release-no-target">
              {t('release.noTarget')}
            </p>
          ) : (
            <ItemForm<ReleaseProblem>
              type="intel.release"
              testId="release-form"
              className="release-form"
              place={{ compartment: destination, track: 'intelligence' }}
              release={commitment === undefined ? undefined : { original: target.id, nonce }}
              initialLanguage={originalLanguage.success ? originalLanguage.data : undefined}
              status={{ problemText: (problem) => (problem === 'commitmentPending' || problem === 'tlpNotHere' ? t(`release.problems.${problem}`) : t(`forms.problems.${problem}`)) }}
              draft={(language) => {
                if (title.trim() === '') return { missing: 'title' };
                if (extract.trim() === '') return { missing: 'extract' };
                if (commitment === undefined) return { problem: 'commitmentPending' };
                if (destinationKind && tlpRefusal(tlp, destinationKind)) return { problem: 'tlpNotHere', field: 'tlp' };
                const draft: JsonObject = { title: title.trim(), extract: extract.trim(), language, tlp, original: commitment };
                if (withLocation && location) draft['location'] = location;
                return { payload: draft };
              }}
              onEntered={() => onDone?.()}
            >
              <CompartmentSelect compartments={targets} value={destination} onChange={setDestination} testId="release-form-compartment" />
              <FormField label={t('release.tlpLabel')}>
                {(id) => (
                  <>
                    <select id={id} data-testid="release-form-tlp" value={tlp} aria-describedby={`${id}-hint`} onChange={(event) => setTlp(RELEASE_TLP_LEVELS.find((level) => level === event.target.value) ?? tlp)}>
                      {RELEASE_TLP_LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {`TLP:${level}`}
                        </option>
                      ))}
                    </select>
                    <p className="hint" id={`${id}-hint`}>
                      {t('release.tlpHint')}
                    </p>
                  </>
                )}
              </FormField>
              <TextField field="title" label={t('release.titleLabel')} testId="release-form-title" value={title} onChange={setTitle} missing={{ text: t('release.titleMissing'), testId: 'release-form-title-missing' }} />
              <TextField field="extract" label={t('release.extractLabel')} testId="release-form-extract" rows={8} value={extract} onChange={setExtract} missing={{ text: t('release.extractMissing'), testId: 'release-form-extract-missing' }} />
              {location && (
                <label className="checkbox-field">
                  <input type="checkbox" data-testid="release-form-location" checked={withLocation} onChange={(event) => setWithLocation(event.target.checked)} />
                  {t('release.keepLocation')}
                </label>
              )}
              <FormLanguage />
              <p className="hint release-commitment-preview" data-testid="release-form-commitment" data-ready={commitment !== undefined}>
                {commitment === undefined ? (
                  t('release.commitmentComputing')
                ) : (
                  <>
                    {t('release.commitmentReady')} <Hash value={commitment} />
                  </>
                )}
              </p>
              <FormSubmit sendingLabel={t('release.sending')}>{t('release.submit')}</FormSubmit>
            </ItemForm>
          )}
        </section>
      </div>
    </section>
  );
}

/**
 * Releasing an extract is offered on an item the reader's own party entered, in a compartment
 * narrower than another it reads, that is not RED and says something: only the originator's
 * party releases, and what is RED never leaves its compartment.
 */
function releasable({ target, reader }: ActionContext): boolean {
  if (target.authorParty !== reader.party || target.compartment.kind === 'plenary') return false;
  const tlp = Tlp.safeParse(target.payload['tlp']);
  if (tlp.success && !tlpMayLeaveCompartment(tlp.data)) return false;
  // Something to extract: a text of its own, not a bare acknowledgment level or signature.
  const definition = (ITEM_TYPES as Record<string, { summary: readonly string[] }>)[target.type];
  return startingText(target.payload, definition?.summary ?? []) !== '';
}

export const releaseAction: ItemAction = {
  id: 'release',
  elsewhere: true,
  offered: releasable,
  Panel: ReleasePanel,
};

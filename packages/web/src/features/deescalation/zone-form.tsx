import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES, type Language, type PartyKind, type ZonePayload } from '@fusion-cell/protocol';
import type { JsonObject } from '@fusion-cell/record';
import type { ActionContext, ActionPanelProps, ItemAction } from '../../item-types/web-item-type.ts';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { documentOf, useDocument } from '../documents/document-state.ts';
import { FieldProblem, TextField } from '../forms/form-field.tsx';
import { useItemFormContext } from '../forms/item-form-context.ts';
import { FormLanguage, FormPlace, FormSubmit, ItemForm, type Draft, type ItemPlace } from '../forms/item-form.tsx';
import { AreaField, areaValue, useAreaInput } from './area-field.tsx';
import { capsInput, ForcesFields, readCaps, type ForcesInput } from './forces-fields.tsx';
import { Choices, FormNote, InitialLanguage, useDeescalationProblemText, useRecordedPayload, type DeescalationProblem } from './form-parts.tsx';

type RuleKind = ZonePayload['rule']['kind'];
const RULE_KINDS: readonly RuleKind[] = ['no-forces', 'limited-forces'];
const NAME_LANGUAGES: readonly Language[] = ['en', 'ar', 'he'];
/** The longest name in one language, as the protocol's `LocalizedText` takes it. */
const NAME_LIMIT = 200;

/** The zone's name in each language, each typed in its own direction; English is required, the others are the agreed translations. */
function NameFields({ names, onChange }: { names: Record<Language, string>; onChange: (language: Language, value: string) => void }) {
  const { t } = useTranslation();
  const form = useItemFormContext();
  const id = useId();
  return (
    <fieldset className="field field-wide deesc-names">
      <legend>{t('deescalation.forms.zone.name')}</legend>
      {NAME_LANGUAGES.map((language) => {
        const field = `name.${language}`;
        const over = names[language].trim().length > NAME_LIMIT;
        return (
          <div key={language} className="field">
            <label htmlFor={`${id}-${language}`}>{t(language === 'en' ? 'deescalation.forms.zone.nameRequired' : 'deescalation.forms.zone.nameOptional', { language: t(`language.names.${language}`) })}</label>
            <input
              id={`${id}-${language}`}
              lang={language}
              dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
              data-testid={`zone-name-${language}`}
              aria-invalid={form.invalidField === field || over}
              value={names[language]}
              onChange={(event) => {
                onChange(language, event.target.value);
                form.edited(field);
              }}
            />
          </div>
        );
      })}
      {form.missing === 'name.en' && <FieldProblem problem={{ text: t('deescalation.forms.zone.nameMissing'), testId: 'zone-name-missing' }} field="name.en" />}
    </fieldset>
  );
}

function CapsFields({ value, onChange }: { value: ForcesInput; onChange: (next: ForcesInput) => void }) {
  const form = useItemFormContext();
  const prefix = 'rule.caps.';
  return (
    <ForcesFields
      mode="caps"
      value={value}
      onChange={(next) => {
        onChange(next);
        form.edited(form.invalidField ?? 'rule');
      }}
      invalidField={form.invalidField?.startsWith(prefix) ? form.invalidField.slice(prefix.length) : null}
      testId="zone-caps"
    />
  );
}

/**
 * Proposes a zone, or a new version of one: its name in English (and the agreed Arabic and Hebrew
 * names), its rule with the caps of a limited-forces zone, the article that sets it, its area
 * (drawn or pasted) and whether that geometry is only illustrative. It is in force once every
 * side and the supervisor have signed that exact version.
 */
export function ZoneForm({ place, previous, onDone }: { place?: ItemPlace | undefined; previous?: { id: string; payload: ZonePayload; number: number } | undefined; onDone?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const problemText = useDeescalationProblemText();
  const initial = previous?.payload;
  const [names, setNames] = useState<Record<Language, string>>({ en: initial?.name.en ?? '', ar: initial?.name.ar ?? '', he: initial?.name.he ?? '' });
  const [rule, setRule] = useState<RuleKind>(initial?.rule.kind ?? 'no-forces');
  const [caps, setCaps] = useState(() => capsInput(initial?.rule.kind === 'limited-forces' ? initial.rule.caps : undefined));
  const [article, setArticle] = useState(initial?.article ?? '');
  const [illustrative, setIllustrative] = useState(initial?.illustrative ?? false);
  const [description, setDescription] = useState(initial?.description ?? '');
  const area = useAreaInput('area', initial?.area);

  const draft = (language: string): Draft<DeescalationProblem> => {
    if (names.en.trim() === '') return { missing: 'name.en' };
    const where = areaValue(area);
    if ('missing' in where) return { missing: 'area' };
    if ('invalid' in where) return { problem: 'area', field: 'area' };
    let zoneRule: JsonObject = { kind: 'no-forces' };
    if (rule === 'limited-forces') {
      const read = readCaps(caps);
      if ('field' in read) return { problem: 'number', field: `rule.caps.${read.field}` };
      zoneRule = { kind: 'limited-forces', caps: read as unknown as JsonObject };
    }
    const name: JsonObject = Object.fromEntries(NAME_LANGUAGES.flatMap((code) => (names[code].trim() === '' ? [] : [[code, names[code].trim()]])));
    const payload: JsonObject = {
      name,
      area: where.value as unknown as JsonObject,
      rule: zoneRule,
      language,
      ...(article.trim() === '' ? {} : { article: article.trim() }),
      ...(illustrative ? { illustrative: true } : {}),
      ...(description.trim() === '' ? {} : { description: description.trim() }),
    };
    return { payload };
  };

  return (
    <ItemForm
      type="zone"
      testId="zone"
      className="deesc-form zone-form"
      place={place}
      preferredTrack="deescalation"
      references={previous ? [previous.id] : undefined}
      attributes={previous ? { 'data-previous': previous.id } : {}}
      draft={draft}
      status={{ problemText }}
      onEntered={() => {
        if (!previous) {
          setNames({ en: '', ar: '', he: '' });
          setArticle('');
          setDescription('');
          area.setText('');
          setCaps(capsInput(undefined));
        }
        onDone?.();
      }}
    >
      <InitialLanguage language={initial?.language} />
      <div className="form-grid">
        <NameFields names={names} onChange={(language, value) => setNames((current) => ({ ...current, [language]: value }))} />
        <Choices
          legend={t('deescalation.forms.zone.rule')}
          values={RULE_KINDS}
          value={rule}
          onChange={setRule}
          label={(value) => t(`deescalation.rules.${value}`)}
          explanation={(value) => t(`deescalation.forms.zone.ruleExplained.${value}`)}
          testId="zone-rule-choice"
        />
        {rule === 'limited-forces' && (
          <fieldset className="field field-wide">
            <legend>{t('deescalation.forms.caps.heading')}</legend>
            <CapsFields value={caps} onChange={setCaps} />
          </fieldset>
        )}
        <TextField field="article" label={t('deescalation.forms.zone.article')} testId="zone-article-input" value={article} onChange={setArticle} />
        <label className="checkbox deesc-checkbox">
          <input type="checkbox" data-testid="zone-illustrative-input" checked={illustrative} onChange={(event) => setIllustrative(event.target.checked)} />
          {t('deescalation.forms.zone.illustrative')}
        </label>
        <AreaField input={area} field="area" label={t('deescalation.forms.zone.area')} testId="zone-area" />
        <TextField field="description" label={t('deescalation.forms.zone.description')} testId="zone-description-input" rows={3} value={description} onChange={setDescription} wide />
        <FormLanguage label={t('deescalation.forms.zone.descriptionLanguage')} />
        <FormPlace />
      </div>
      <FormNote>{t('deescalation.forms.zone.signNote')}</FormNote>
      <div className="form-actions">
        <FormSubmit>{previous ? t('deescalation.forms.zone.submitVersion', { number: previous.number }) : t('deescalation.forms.zone.submit')}</FormSubmit>
        {previous && onDone && (
          <button type="button" className="button" onClick={onDone}>
            {t('deescalation.forms.close')}
          </button>
        )}
      </div>
    </ItemForm>
  );
}

/** A new version, prefilled with the one it replaces. */
function RevisePanel({ target, onDone }: ActionPanelProps) {
  const { snapshot } = useRecordSync();
  const document = useDocument(target.id, snapshot.members);
  const payload = useRecordedPayload<ZonePayload>(target.id);
  if (!payload || !document) return null;
  return <ZoneForm place={target} previous={{ id: target.id, payload, number: document.status.versions.length + 1 }} onDone={onDone} />;
}

/** A new version is proposed on the latest one only: a fork or a stale edit would be refused. */
function isLatestZoneVersion({ target, graph, members, cell }: ActionContext): boolean {
  if (target.type !== 'zone') return false;
  const partiesOf = () => target.compartment.parties.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  return documentOf(target.id, graph, members, partiesOf)?.status.latest.id === target.id;
}

export const reviseAction: ItemAction = { id: 'revise', offered: isLatestZoneVersion, Panel: RevisePanel };

import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RTL_LANGUAGES } from '@fusion-cell/protocol';
import type { TextVersion } from './joint-text-state.ts';
import { redlineVersions, type RedlinePart } from './redline.ts';

/** Runs of words, those not on this side left out: deletions struck in red, insertions underlined in green. */
function Parts({ parts, keep }: { parts: readonly RedlinePart[]; keep: ReadonlySet<RedlinePart['kind']> }) {
  return (
    <>
      {parts
        .filter((part) => keep.has(part.kind))
        .map((part, index) =>
          part.kind === 'deleted' ? (
            <del key={index} className="redline-deleted" data-testid="redline-deleted">
              {part.text}
            </del>
          ) : part.kind === 'inserted' ? (
            <ins key={index} className="redline-inserted" data-testid="redline-inserted">
              {part.text}
            </ins>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
    </>
  );
}

const BEFORE = new Set<RedlinePart['kind']>(['same', 'deleted']);
const AFTER = new Set<RedlinePart['kind']>(['same', 'inserted']);
const INLINE = new Set<RedlinePart['kind']>(['same', 'deleted', 'inserted']);

/**
 * Any two versions compared word by word, passage by passage (aligned by the passages' ids):
 * side by side, then inline, in the text's own direction.
 */
export function RedlineView({ versions }: { versions: readonly TextVersion[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const latest = versions[versions.length - 1];
  const [from, setFrom] = useState(Math.max(1, versions.length - 1));
  const [to, setTo] = useState(versions.length);
  const before = versions.find((version) => version.number === from);
  const after = versions.find((version) => version.number === to);
  const rows = useMemo(() => (before && after ? redlineVersions(before.payload, after.payload, after.payload.language) : []), [before, after]);
  if (!latest || versions.length < 2 || !before || !after) return null;
  const language = after.payload.language;
  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  const select = (value: number, onChange: (value: number) => void, testId: string, label: string) => (
    <label className="field">
      {label}
      <select data-testid={testId} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {versions.map((version) => (
          <option key={version.id} value={version.number}>
            {t('jointText.list.version', { number: version.number })}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="text-redline" aria-labelledby={headingId} data-testid="redline-view" data-from={from} data-to={to}>
      <h3 id={headingId}>{t('jointText.redline.heading')}</h3>
      <div className="text-redline-choice">
        {select(from, setFrom, 'redline-from', t('jointText.redline.from'))}
        {select(to, setTo, 'redline-to', t('jointText.redline.to'))}
      </div>
      {rows.every((row) => row.change === 'same') && <p className="hint">{t('jointText.redline.none')}</p>}
      <table className="text-redline-table">
        <thead>
          <tr>
            <th scope="col">{t('jointText.list.version', { number: from })}</th>
            <th scope="col">{t('jointText.list.version', { number: to })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.passage} data-testid={`redline-passage-${row.passage}`} data-change={row.change}>
              <td lang={before.payload.language} dir={RTL_LANGUAGES.has(before.payload.language) ? 'rtl' : 'ltr'} data-testid="redline-before" data-label={t('jointText.list.version', { number: from })}>
                <Parts parts={row.parts} keep={BEFORE} />
              </td>
              <td lang={language} dir={dir} data-testid="redline-after" data-label={t('jointText.list.version', { number: to })}>
                <Parts parts={row.parts} keep={AFTER} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('jointText.redline.inline')}</h4>
      <ol className="text-redline-inline" data-testid="redline-inline" lang={language} dir={dir}>
        {rows.map((row) => (
          <li key={row.passage} data-change={row.change}>
            <Parts parts={row.parts} keep={INLINE} />
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompartmentSummary } from '@fusion-cell/protocol';
import { useCompartmentName } from '../../components/use-names.ts';
import { useFormatters } from '../../i18n/format.ts';

export interface TabCounts {
  items: number;
  failed: number;
}

/**
 * The compartments the party is in, as tabs: plenary, caucus, internal. Each says how many
 * items of the track it holds, and marks one that holds a failed item.
 */
export function CompartmentTabs({
  compartments,
  selected,
  counts,
  panelId,
  onSelect,
}: {
  compartments: readonly CompartmentSummary[];
  selected: string;
  counts: ReadonlyMap<string, TabCounts>;
  panelId: string;
  onSelect: (compartmentId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const compartmentName = useCompartmentName();
  const list = useRef<HTMLDivElement>(null);

  // Arrow keys move along the tabs in reading order, so they mirror in Arabic and Hebrew.
  const onKeyDown = (event: KeyboardEvent) => {
    const keys = document.documentElement.dir === 'rtl' ? { next: 'ArrowLeft', previous: 'ArrowRight' } : { next: 'ArrowRight', previous: 'ArrowLeft' };
    const position = compartments.findIndex((compartment) => compartment.id === selected);
    let target = -1;
    if (event.key === keys.next) target = (position + 1) % compartments.length;
    else if (event.key === keys.previous) target = (position - 1 + compartments.length) % compartments.length;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = compartments.length - 1;
    const compartment = compartments[target];
    if (!compartment) return;
    event.preventDefault();
    onSelect(compartment.id);
    list.current?.querySelector<HTMLButtonElement>(`[data-compartment="${compartment.id}"]`)?.focus();
  };

  return (
    <div className="compartment-tabs" role="tablist" aria-label={t('thread.compartments')} ref={list} onKeyDown={onKeyDown} data-testid="compartment-tabs">
      {compartments.map((compartment) => {
        const active = compartment.id === selected;
        const count = counts.get(compartment.id) ?? { items: 0, failed: 0 };
        return (
          <button
            key={compartment.id}
            type="button"
            role="tab"
            id={`tab-${compartment.id}`}
            aria-selected={active}
            aria-controls={panelId}
            tabIndex={active ? 0 : -1}
            className={`compartment-tab compartment-tab-${compartment.kind}`}
            data-testid={`compartment-tab-${compartment.id}`}
            data-compartment={compartment.id}
            data-count={count.items}
            data-failed={count.failed}
            onClick={() => onSelect(compartment.id)}
          >
            <span className="compartment-tab-name">{compartmentName(compartment)}</span>
            <span className="compartment-tab-count">{t('thread.itemCount', { count: format.number(count.items) })}</span>
            {count.failed > 0 && (
              <span className="compartment-tab-failed" data-testid={`compartment-tab-failed-${compartment.id}`}>
                {t('thread.failedCount', { count: format.number(count.failed) })}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

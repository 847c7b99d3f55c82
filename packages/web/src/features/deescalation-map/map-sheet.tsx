import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A panel over the inline end of the page, beside the map: what a member opened or is entering
 * stays next to where it is, and the map stays as wide as it was. Not modal: the map is still
 * there to click. Its heading takes the focus when what it shows changes. Escape closes one that
 * only shows something, never one holding a draft, and not while a map inside it takes the key.
 */
export function MapSheet({
  title,
  contentKey,
  onClose,
  closeOnEscape,
  hidden = false,
  wide = false,
  testId,
  children,
}: {
  title: string;
  contentKey: string;
  onClose(): void;
  closeOnEscape: boolean;
  /** Kept with its draft under another sheet, and shown again when that one closes. */
  hidden?: boolean;
  wide?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus goes back where it came from (a button of the map's list, say) when the sheet closes.
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current ??= document.activeElement;
    if (!hidden) heading.current?.focus();
  }, [contentKey, hidden]);

  useEffect(
    () => () => {
      const back = opener.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (!closeOnEscape || event.key !== 'Escape' || event.defaultPrevented) return;
    // A key pressed in a field or a map (an area being drawn) is theirs: a half-written answer is not thrown away.
    if (event.target instanceof Element && event.target.closest('.fusion-map, form, input, textarea, select')) return;
    event.preventDefault();
    onClose();
  };

  return (
    <aside className={wide ? 'map-sheet map-sheet-wide' : 'map-sheet'} aria-labelledby={headingId} onKeyDown={onKeyDown} hidden={hidden} data-testid={testId}>
      <header className="map-sheet-header">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="map-sheet-heading">
          {title}
        </h2>
        <button type="button" className="button button-small map-sheet-close" onClick={onClose} data-testid="map-sheet-close">
          <span aria-hidden="true">✕ </span>
          {t('deescalationPage.map.panel.close')}
        </button>
      </header>
      <div className="map-sheet-body">{children}</div>
    </aside>
  );
}

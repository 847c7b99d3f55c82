import { useTranslation } from 'react-i18next';

export type DrawPhase = { phase: 'idle' } | { phase: 'loading' } | { phase: 'failed' } | { phase: 'drawing'; vertices: number; crossing: boolean };

/** "Draw area", then what to do next as the corners are placed, with Finish, Undo and Cancel. */
export function MapDrawToolbar({ state, onStart, onFinish, onUndo, onCancel }: { state: DrawPhase; onStart(): void; onFinish(): void; onUndo(): void; onCancel(): void }) {
  const { t } = useTranslation();
  if (state.phase === 'idle' || state.phase === 'failed') {
    return (
      <div className="map-draw" data-testid="map-draw">
        <button type="button" className="button button-primary" onClick={onStart} data-testid="map-draw-start">
          {t('map.draw.start')}
        </button>
        {state.phase === 'failed' && (
          <p className="message message-error map-draw-steps" role="alert">
            {t('map.draw.failed')}
          </p>
        )}
      </div>
    );
  }
  const vertices = state.phase === 'drawing' ? state.vertices : 0;
  const step =
    state.phase === 'loading' ? t('map.draw.loading') : vertices === 0 ? t('map.draw.first') : vertices < 3 ? t('map.draw.more', { count: vertices }) : t('map.draw.close', { count: vertices });
  return (
    <div className="map-draw map-draw-active" data-testid="map-draw" data-phase={state.phase} data-vertices={vertices}>
      <div className="message message-info map-draw-steps">
        <p className="message-title">{t('map.draw.heading')}</p>
        <p aria-live="polite" data-testid="map-draw-step">
          {step}
        </p>
        {state.phase === 'drawing' && state.crossing && (
          <p className="map-draw-crossing" role="alert">
            {t('map.draw.crossing')}
          </p>
        )}
        <p className="hint">{t('map.draw.escape')}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onFinish} disabled={vertices < 3} data-testid="map-draw-finish">
          {t('map.draw.finish')}
        </button>
        <button type="button" className="button" onClick={onUndo} disabled={vertices === 0} data-testid="map-draw-undo">
          {t('map.draw.undo')}
        </button>
        <button type="button" className="button button-danger" onClick={onCancel} data-testid="map-draw-cancel">
          {t('map.draw.cancel')}
        </button>
      </div>
    </div>
  );
}

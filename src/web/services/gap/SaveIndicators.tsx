import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { FormAlert } from '../../components/Field.tsx';
import { DEFAULT_VIEW, writeView } from '../../atlas/permalink.ts';
import { gapData, type SavedGapIndicatorsView } from './data.ts';
import type { GapRowSettings } from './settings.ts';

/** The atlas address showing a saved indicator at the planning-area level for its period. */
export function atlasLink(tenantKey: string, indicator: { key: string; period: string }): string {
  const view = writeView({
    ...DEFAULT_VIEW,
    tenant: tenantKey,
    indicator: indicator.key,
    period: indicator.period,
    level: 'planning_area',
  });
  return `/atlas?${view.toString()}`;
}

type State =
  | { kind: 'idle' }
  | { kind: 'confirming' }
  | { kind: 'saving' }
  | { kind: 'saved'; result: SavedGapIndicatorsView }
  | { kind: 'failed'; message: string };

/**
 * „Als Indikatoren in den Atlas übernehmen“ for planners: asks for confirmation, saves (the
 * server computes the analysis again), then names the indicators and links to the atlas
 * showing the first one per Sozialraum. Errors are shown as alerts.
 */
export function SaveIndicators({
  tenantKey,
  rows,
  areas,
}: {
  tenantKey: string;
  rows: readonly GapRowSettings[];
  /** Number of Sozialräume in the result. */
  areas: number;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const startButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const previous = useRef<State['kind']>('idle');

  useEffect(() => {
    if (state.kind === 'confirming') confirmButton.current?.focus();
    else if (state.kind === 'saved') result.current?.focus();
    else if (state.kind === 'idle' && previous.current === 'confirming') startButton.current?.focus();
    previous.current = state.kind;
  }, [state.kind]);

  async function save() {
    setState({ kind: 'saving' });
    try {
      const saved = await gapData.saveIndicators(tenantKey, rows);
      setState({ kind: 'saved', result: saved });
      announce(
        `${t('servicesGap.save.success', { count: saved.indicators.length })} ${saved.indicators.map((i) => i.label).join('; ')}`,
      );
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <section className="gap-save" aria-labelledby="abgleich-speichern-titel">
      <h2 id="abgleich-speichern-titel">{t('servicesGap.save.title')}</h2>
      <p>{t('servicesGap.save.intro')}</p>
      {state.kind === 'confirming' || state.kind === 'saving' ? (
        <div className="confirm" role="group" aria-labelledby="abgleich-speichern-frage">
          <p id="abgleich-speichern-frage">{t('servicesGap.save.question', { count: rows.length, areas })}</p>
          <button
            ref={confirmButton}
            type="button"
            className="button button-primary"
            aria-disabled={state.kind === 'saving'}
            onClick={() => state.kind === 'confirming' && void save()}
          >
            {t('servicesGap.save.confirm')}
          </button>{' '}
          <button
            type="button"
            className="button"
            aria-disabled={state.kind === 'saving'}
            onClick={() => state.kind === 'confirming' && setState({ kind: 'idle' })}
          >
            {t('servicesGap.save.cancel')}
          </button>
          {state.kind === 'saving' && (
            <p className="loading" role="status">
              {t('servicesGap.save.saving')}
            </p>
          )}
        </div>
      ) : (
        <button ref={startButton} type="button" className="button" onClick={() => setState({ kind: 'confirming' })}>
          {t('servicesGap.save.button')}
        </button>
      )}
      {state.kind === 'failed' && <FormAlert id="abgleich-speichern-fehler" message={state.message} />}
      {state.kind === 'saved' && (
        <div className="alert alert-success" ref={result} tabIndex={-1} data-testid="abgleich-gespeichert">
          <p>
            {t('servicesGap.save.success', { count: state.result.indicators.length })} {t('servicesGap.save.unpublished')}
          </p>
          <ul>
            {state.result.indicators.map((indicator) => (
              <li key={indicator.key}>
                {indicator.label} ({indicator.unit}, {t('servicesGap.save.period', { period: indicator.period })})
              </li>
            ))}
          </ul>
          {state.result.indicators[0] && (
            <p>
              <Link to={atlasLink(tenantKey, state.result.indicators[0])}>
                {t('servicesGap.save.toAtlas', { label: state.result.indicators[0].label })}
              </Link>
              {' · '}
              <Link to="/atlas/indikatoren">{t('servicesGap.save.toPublish')}</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

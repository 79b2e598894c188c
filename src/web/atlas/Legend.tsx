import { useTranslation } from 'react-i18next';
import { formatValue } from './format.ts';
import { MISSING_COLOUR } from './palette.ts';
import type { AtlasClassification } from './types.ts';

/**
 * The legend of a choropleth: one entry per class with its bounds (German numbers) and the
 * number of regions, then the grey hatched swatch for regions without a value.
 */
export function Legend({
  classification,
  palette,
  unit,
  missing,
  suppressed,
}: {
  classification: AtlasClassification | null;
  palette: readonly string[];
  unit: string;
  missing: number;
  suppressed: number;
}) {
  const { t, i18n } = useTranslation();
  const f = (v: number) => formatValue(v, i18n.language);
  return (
    <section className="atlas-legend" aria-labelledby="atlas-legende-titel" data-testid="atlas-legende">
      <h2 id="atlas-legende-titel">{t('atlas.legend.title')}</h2>
      {unit && <p className="atlas-legend-unit">{t('atlas.legend.unit', { unit })}</p>}
      <ul>
        {(classification?.classes ?? []).map((c) => (
          <li key={c.index} data-class={c.index} data-count={c.count}>
            <span className="atlas-swatch" style={{ background: palette[c.index] ?? MISSING_COLOUR }} aria-hidden="true" />
            <span className="atlas-legend-range">{t('atlas.legend.range', { lower: f(c.lower), upper: f(c.upper) })}</span>{' '}
            <span className="atlas-legend-count">{t('atlas.legend.count', { count: c.count })}</span>
          </li>
        ))}
        {missing > 0 && (
          <li data-class="missing" data-count={missing}>
            <span className="atlas-swatch atlas-swatch-missing" aria-hidden="true" />
            <span className="atlas-legend-range">
              {suppressed > 0 ? t('atlas.legend.missingSuppressed', { suppressed }) : t('atlas.legend.missing')}
            </span>{' '}
            <span className="atlas-legend-count">{t('atlas.legend.count', { count: missing })}</span>
          </li>
        )}
      </ul>
      {classification?.notes.map((note) => (
        <p key={note} className="atlas-legend-note">
          {note}
        </p>
      ))}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { formatValue } from './format.ts';
import { MISSING_COLOUR, type ReferenceSide } from './palette.ts';
import type { AtlasClassification } from './types.ts';

/** The reference of a diverging palette as the legend states it. */
export interface LegendReference {
  /** The reference value and unit, formatted (e.g. „9,35 %“). */
  value: string;
  /** Whose value it is (e.g. „Landkreis Musterland“), or null when it is the median of the shown regions. */
  name: string | null;
  /** Side of each class relative to the reference (same order as the classes). */
  sides: readonly ReferenceSide[];
  /** Higher values are favourable: blue above, red below the reference. */
  higherIsBetter?: boolean;
}

/**
 * The legend of a choropleth: one entry per class with its bounds (German numbers) and the
 * number of regions, then the grey hatched swatch for regions without a value. With a diverging
 * palette it names the reference value and marks each class as below, containing or above it.
 */
export function Legend({
  classification,
  palette,
  unit,
  missing,
  suppressed,
  reference = null,
}: {
  classification: AtlasClassification | null;
  palette: readonly string[];
  unit: string;
  missing: number;
  suppressed: number;
  reference?: LegendReference | null;
}) {
  const { t, i18n } = useTranslation();
  const f = (v: number) => formatValue(v, i18n.language);
  return (
    <section className="atlas-legend" aria-labelledby="atlas-legende-titel" data-testid="atlas-legende">
      <h2 id="atlas-legende-titel">{t('atlas.legend.title')}</h2>
      {unit && <p className="atlas-legend-unit">{t('atlas.legend.unit', { unit })}</p>}
      {reference && (
        <p className="atlas-legend-reference" data-testid="atlas-legende-referenz">
          {reference.name
            ? t('atlasMap.legend.reference', { name: reference.name, value: reference.value })
            : t('atlasMap.legend.referenceMedian', { value: reference.value })}{' '}
          {t(reference.higherIsBetter ? 'atlasMap.legend.sidesBetterAbove' : 'atlasMap.legend.sides')}
        </p>
      )}
      <ul>
        {(classification?.classes ?? []).map((c) => {
          const side = reference?.sides[c.index];
          return (
            <li key={c.index} data-class={c.index} data-count={c.count} data-side={side}>
              <span className="atlas-swatch" style={{ background: palette[c.index] ?? MISSING_COLOUR }} aria-hidden="true" />
              <span className="atlas-legend-range">{t('atlas.legend.range', { lower: f(c.lower), upper: f(c.upper) })}</span>{' '}
              <span className="atlas-legend-count">{t('atlas.legend.count', { count: c.count })}</span>
              {side && <span className="atlas-legend-side"> – {t(`atlasMap.legend.side.${side}`)}</span>}
            </li>
          );
        })}
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

import { useTranslation } from 'react-i18next';
import { formatValue } from '../format.ts';
import { INDEX_COLOURS, type ClassCounts } from './palette.ts';
import { DYNAMICS_CLASSES, STATUS_CLASSES } from './types.ts';

/**
 * The legend of the index map as a small matrix: status classes in rows, dynamics classes in
 * columns, each cell with its colour and the number of regions; below it the regions drawn
 * hatched grey (not classified, or without dynamics) with the reason.
 */
export function IndexLegend({ counts, floor }: { counts: ClassCounts; floor: number }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="atlas-legend index-legend" aria-labelledby="index-legende-titel" data-testid="index-legende">
      <h2 id="index-legende-titel">{t('atlasIndex.legend.title')}</h2>
      <table className="index-legend-matrix">
        <caption>{t('atlasIndex.legend.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="index-legend-corner">
              {t('atlasIndex.legend.corner')}
            </th>
            {DYNAMICS_CLASSES.map((d) => (
              <th key={d} scope="col">
                {t(`atlasIndex.legend.dynamics.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STATUS_CLASSES.map((s, si) => (
            <tr key={s}>
              <th scope="row">{t(`atlasIndex.legend.status.${s}`)}</th>
              {DYNAMICS_CLASSES.map((d, di) => {
                const count = counts.matrix[si]![di]!;
                return (
                  <td key={d} data-status={s} data-dynamics={d} data-count={count}>
                    <span className="atlas-swatch" style={{ background: INDEX_COLOURS[d][si] }} aria-hidden="true" />
                    <span>{count}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="index-legend-total" data-testid="index-legende-klassifiziert" data-count={counts.classified}>
        {t('atlasIndex.legend.classified', { count: counts.classified })}
      </p>
      <ul>
        {counts.statusOnly > 0 && (
          <li data-class="status-only" data-count={counts.statusOnly}>
            <span className="atlas-swatch atlas-swatch-missing" aria-hidden="true" />
            <span>{t('atlasIndex.legend.statusOnly', { count: counts.statusOnly })}</span>
          </li>
        )}
        {counts.unclassified > 0 && (
          <li data-class="unclassified" data-count={counts.unclassified}>
            <span className="atlas-swatch atlas-swatch-missing" aria-hidden="true" />
            <span>
              {t('atlasIndex.legend.unclassified', {
                count: counts.unclassified,
                floor: formatValue(floor, i18n.language, 0),
              })}
            </span>
          </li>
        )}
      </ul>
      <p className="atlas-legend-note">{t('atlasIndex.legend.reading')}</p>
    </section>
  );
}

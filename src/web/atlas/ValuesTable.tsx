import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue, formatWithUnit } from './format.ts';
import { RegionCell } from './RegionCell.tsx';
import { TABLE_LIMIT, tableRows } from './table-rows.ts';
import { hasValue, type AtlasRow } from './types.ts';

/**
 * The atlas data table: one row per region with value, class, rank and note; a click on a
 * region's name selects it. Tables with more than `TABLE_LIMIT` rows get a search and show
 * the first rows (plus the selected region) until „Alle zeigen“ is pressed.
 */
export function ValuesTable({
  rows,
  rankOf,
  unit,
  caption,
  selected,
  onSelect,
  note,
}: {
  rows: readonly AtlasRow[];
  rankOf: ReadonlyMap<string, number>;
  unit: string;
  caption: string;
  selected: string | null;
  onSelect: (region: string) => void;
  /** The note of a row without a value. */
  note: (row: AtlasRow) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [search, setSearch] = useState('');
  const [showAll, setShowAll] = useState(false);
  const large = rows.length > TABLE_LIMIT;
  // Typing stays responsive while a long list is filtered.
  const deferredSearch = useDeferredValue(search);
  const { found, shown, limited } = useMemo(
    () => tableRows(rows, { search: deferredSearch, showAll, selected }),
    [rows, deferredSearch, showAll, selected],
  );

  return (
    <>
      {large && (
        <div className="atlas-table-tools">
          <div className="field">
            <label htmlFor="atlas-tabelle-suche">{t('atlasMap.table.search')}</label>
            <input
              id="atlas-tabelle-suche"
              type="search"
              autoComplete="off"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <p role="status" data-testid="atlas-tabelle-umfang">
            {limited
              ? t('atlasMap.table.limited', {
                  shown: formatValue(TABLE_LIMIT, language),
                  total: formatValue(found.length, language),
                })
              : t('atlasMap.table.found', { count: found.length, total: formatValue(found.length, language) })}
          </p>
          {limited && (
            <button type="button" className="button" onClick={() => setShowAll(true)}>
              {t('atlasMap.table.showAll', { total: formatValue(found.length, language) })}
            </button>
          )}
        </div>
      )}
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('atlas.table.region')}</th>
              <th scope="col" className="num">
                {unit ? t('atlas.table.valueUnit', { unit }) : t('atlas.table.value')}
              </th>
              <th scope="col" className="num">
                {t('atlas.table.class')}
              </th>
              <th scope="col" className="num">
                {t('atlas.table.rank')}
              </th>
              <th scope="col">{t('atlas.table.note')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const isSelected = row.region === selected;
              return (
                <tr key={row.region} className={isSelected ? 'atlas-row-selected' : undefined}>
                  <RegionCell name={row.name ?? row.region} selected={isSelected} onSelect={() => onSelect(row.region)} />
                  <td className="num">{hasValue(row) ? formatWithUnit(row.value, '', language) : '–'}</td>
                  <td className="num">{hasValue(row) && row.class != null ? row.class + 1 : '–'}</td>
                  <td className="num">{rankOf.get(row.region) ?? '–'}</td>
                  <td>{hasValue(row) ? '' : note(row)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

import type { TFunction } from 'i18next';
import type { ImportCounts, ImportRecord } from '../../api.ts';
import { formatNumber } from '../../format.ts';

/** The statuses of the import journal, in the words of the UI. */
export const IMPORT_STATUSES = ['running', 'completed', 'failed', 'rolled_back'] as const;

/** GENESIS symbols of the special-value flags (Zeichenerklärung of the statistical offices). */
export const FLAG_SYMBOLS: Readonly<Record<string, string>> = {
  zero: '-',
  unknown_or_secret: '.',
  not_meaningful: 'x',
  unreliable: '/',
  later: '...',
  secret: '.',
  no_value: '-',
};

/** "537 Werte, 1 Merkmal, 12 Gebiete" with numbers in the language's format. */
export function sizeText(
  t: TFunction,
  language: string,
  counts: Pick<ImportCounts, 'observations' | 'variables' | 'regions'>,
): string {
  const part = (key: 'observations' | 'variables' | 'regions') =>
    t(`import.counts.${key}`, { count: counts[key], n: formatNumber(counts[key], language) });
  return [part('observations'), part('variables'), part('regions')].join(', ');
}

/** "537 Werte, 1 Merkmal, 12 Gebiete; 537 neu, 0 geändert, 0 unverändert". */
export function countsText(t: TFunction, language: string, counts: ImportCounts): string {
  const changes = t('import.counts.changes', {
    inserted: formatNumber(counts.inserted, language),
    updated: formatNumber(counts.updated, language),
    unchanged: formatNumber(counts.unchanged, language),
  });
  return `${sizeText(t, language, counts)}; ${changes}`;
}

/** Readable name of a detected file format. */
export function formatLabel(t: TFunction, format: string): string {
  return t(`import.formats.${format}`, { defaultValue: format });
}

/** The result column of the history: counts, the error, or the progress so far. */
export function resultText(t: TFunction, language: string, record: ImportRecord): string {
  if (record.status === 'failed') return record.error ?? t('import.history.noDetails');
  if (record.counts) return countsText(t, language, record.counts);
  if (record.status === 'running' && record.progress)
    return t('import.run.read', { count: record.progress.done, n: formatNumber(record.progress.done, language) });
  return t('import.history.noDetails');
}

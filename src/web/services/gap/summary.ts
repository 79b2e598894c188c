import type { GapAnalysisResult, GapCellView, GapCheckView } from './types.ts';

/** Translation function as i18next passes it (key, placeholders). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A gap cell with the names of its row and Sozialraum. */
export interface GapFinding {
  rowLabel: string;
  areaName: string;
  cell: GapCellView;
}

/** The gap cells of the matrix (Sozialräume only, not row totals), row by row in area order. */
export function gapFindings(result: GapAnalysisResult): GapFinding[] {
  const names = new Map(result.matrix.areas.map((a) => [a.key, a.name]));
  const out: GapFinding[] = [];
  for (const row of result.matrix.rows) {
    for (const cell of row.cells) {
      if (cell.status === 'gap' && cell.areaKey !== null) {
        out.push({ rowLabel: row.label, areaName: names.get(cell.areaKey) ?? cell.areaKey, cell });
      }
    }
  }
  return out;
}

/** A number with at most `digits` decimals in the language's format (`1.234,5`). */
export function formatDecimal(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(language.startsWith('de') ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** The failed check as text, e.g. „24 Plätze je 1.000, Schwelle 300“. */
export function checkText(check: GapCheckView, t: Translate, language: string): string {
  const value = check.value;
  switch (check.criterion) {
    case 'capacity_per_1000':
      return t('servicesGap.summary.capacity', {
        value: value === null ? '?' : formatDecimal(value, language, 0),
        threshold: formatDecimal(check.threshold, language, 1),
      });
    case 'reach_share':
      return t('servicesGap.summary.reach', {
        value: value === null ? '?' : formatDecimal(value * 100, language, 0),
        threshold: formatDecimal(check.threshold * 100, language, 0),
      });
    case 'services':
      return t('servicesGap.summary.services', { count: value ?? 0, threshold: check.threshold });
  }
}

/**
 * The generated summary, e.g. „1 Lücke: Sozialraum Nord – Kinder 0–6 (24 Plätze je 1.000,
 * Schwelle 300)“; only the checks that failed are named.
 */
export function gapSummary(result: GapAnalysisResult, t: Translate, language: string): string {
  const findings = gapFindings(result);
  if (findings.length === 0) return t('servicesGap.summary.none');
  const parts = findings.map((f) => {
    const failed = f.cell.checks.filter((c) => c.status === 'gap').map((c) => checkText(c, t, language));
    return t('servicesGap.summary.item', { area: f.areaName, row: f.rowLabel, details: failed.join('; ') });
  });
  return t('servicesGap.summary.gaps', { count: findings.length, list: parts.join('; ') });
}

import { csvCell, csvNumber } from '../csv.ts';
import type { DynamicsClass, IndexExploration, StatusClass } from './types.ts';

/** A number cell: written as it is, so that a negative index stays a number (no formula guard needed for digits). */
interface Numeric {
  text: string;
}

const numeric = (value: number): Numeric => ({ text: csvNumber(value) });

/** The translated texts of the index CSV. */
export interface IndexCsvTexts {
  /** Key, region, status index, status class, dynamics index, dynamics class, note. */
  header: [string, string, string, string, string, string, string];
  status: Record<StatusClass, string>;
  dynamics: Record<DynamicsClass, string>;
  outlier: string;
  period: string;
  startPeriod: string;
  floor: string;
  components: string;
  higherIsWorse: string;
  higherIsBetter: string;
  confidential: string;
  attribution: string;
}

/**
 * The region table of the index as CSV for German spreadsheets (`;`, decimal comma, CRLF,
 * formula-safe cells): one row per region, then the period, the start of the dynamics, the
 * population floor, the indicators with weight and direction, and the attribution of the sources.
 */
export function indexCsv(view: IndexExploration, attributions: readonly string[], texts: IndexCsvTexts): string {
  const lines: (string | Numeric)[][] = [texts.header];
  for (const r of view.results) {
    lines.push([
      r.key,
      r.name ?? '',
      r.status === null ? '' : numeric(r.status),
      r.statusClass ? texts.status[r.statusClass] : '',
      r.dynamics === null ? '' : numeric(r.dynamics),
      r.dynamicsClass ? texts.dynamics[r.dynamicsClass] : '',
      [r.reason, r.outlier ? texts.outlier : undefined].filter(Boolean).join(' '),
    ]);
  }
  lines.push([]);
  lines.push([texts.period, view.period]);
  lines.push([texts.startPeriod, view.startPeriod]);
  lines.push([texts.floor, numeric(view.populationFloor)]);
  lines.push([
    texts.components,
    view.components
      .map(
        (c) =>
          `${c.label}: ${csvNumber(c.weight)} (${c.polarity === 'higher_is_better' ? texts.higherIsBetter : texts.higherIsWorse})`,
      )
      .join('; '),
  ]);
  if (view.confidential) lines.push([texts.confidential]);
  lines.push([texts.attribution, [...new Set(attributions)].join('; ')]);
  return lines.map((cells) => cells.map((c) => (typeof c === 'string' ? csvCell(c) : c.text)).join(';')).join('\r\n') + '\r\n';
}

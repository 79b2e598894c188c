import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '../../i18n/parts/servicesGap.de.json';
import en from '../../i18n/parts/servicesGap.en.json';
import { gapFindings, gapSummary, type Translate } from './summary.ts';
import type { GapAnalysisResult, GapCellView, GapCheckView } from './types.ts';

const cell = (areaKey: string | null, status: GapCellView['status'], checks: GapCheckView[] = []): GapCellView => ({
  rowKey: 'zeile-1',
  areaKey,
  serviceIds: [],
  services: 1,
  knownCapacity: 20,
  servicesWithoutCapacity: 0,
  targetPopulation: 830,
  targetVariableKey: 'demo.alter_0_5',
  period: '2024-12-31',
  capacityPer1000: 24.1,
  capacityPer1000LowerBound: null,
  reach: null,
  flags: [],
  checks,
  status,
});

const capacityGap: GapCheckView = { criterion: 'capacity_per_1000', threshold: 300, value: 24.096, status: 'gap' };
const reachMet: GapCheckView = { criterion: 'reach_share', threshold: 0.8, value: 1, status: 'met' };

function result(rows: { label: string; cells: GapCellView[] }[]): GapAnalysisResult {
  return {
    tenantKey: '99001',
    matrix: {
      areas: [
        { key: 'SR1', name: 'Sozialraum Mitte' },
        { key: 'SR3', name: 'Sozialraum Nord' },
      ],
      rows: rows.map((r, i) => ({
        key: `zeile-${i + 1}`,
        label: r.label,
        targetVariableKey: 'demo.alter_0_5',
        period: '2024-12-31',
        cells: r.cells,
        total: cell(null, 'gap', [capacityGap]),
        withoutLocation: [],
        outsideAreas: [],
      })),
    },
    entries: {},
    population: null,
    reachMethod: 'straight_line',
  };
}

let tDe: Translate;
let tEn: Translate;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  tDe = i18n.getFixedT('de') as unknown as Translate;
  tEn = i18n.getFixedT('en') as unknown as Translate;
});

describe('summary of the gap matrix', () => {
  it('names the one gap with the failed check only, in German number format', () => {
    const view = result([
      { label: 'Kindertagesbetreuung', cells: [cell('SR1', 'ok', [reachMet]), cell('SR3', 'gap', [capacityGap, reachMet])] },
    ]);
    expect(gapSummary(view, tDe, 'de')).toBe(
      '1 Lücke: Sozialraum Nord – Kindertagesbetreuung (24 Plätze je 1.000, Schwelle 300)',
    );
    expect(gapSummary(view, tEn, 'en')).toBe(
      '1 gap: Sozialraum Nord – Kindertagesbetreuung (24 places per 1,000, threshold 300)',
    );
  });

  it('counts gaps over rows, never the row totals, and lists several failed checks', () => {
    const reachGap: GapCheckView = { criterion: 'reach_share', threshold: 0.8, value: 0.625, status: 'gap' };
    const servicesGap: GapCheckView = { criterion: 'services', threshold: 2, value: 1, status: 'gap' };
    const view = result([
      { label: 'Kita', cells: [cell('SR1', 'gap', [capacityGap, reachGap]), cell('SR3', 'unclear')] },
      { label: 'Jugend', cells: [cell('SR1', 'not_assessed'), cell('SR3', 'gap', [servicesGap])] },
    ]);
    expect(gapFindings(view).map((f) => `${f.areaName}/${f.rowLabel}`)).toEqual([
      'Sozialraum Mitte/Kita',
      'Sozialraum Nord/Jugend',
    ]);
    expect(gapSummary(view, tDe, 'de')).toBe(
      '2 Lücken: Sozialraum Mitte – Kita (24 Plätze je 1.000, Schwelle 300; 63 % in Reichweite, Schwelle 80 %); ' +
        'Sozialraum Nord – Jugend (1 Angebot, Schwelle 2)',
    );
  });

  it('says so when there is no gap', () => {
    const view = result([{ label: 'Kita', cells: [cell('SR1', 'ok'), cell('SR3', 'unclear')] }]);
    expect(gapSummary(view, tDe, 'de')).toBe('Keine Lücke bei den gesetzten Schwellen.');
  });
});

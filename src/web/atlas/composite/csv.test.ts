import { describe, expect, it } from 'vitest';
import { indexCsv, type IndexCsvTexts } from './csv.ts';
import type { IndexExploration } from './types.ts';

const TEXTS: IndexCsvTexts = {
  header: ['Schlüssel', 'Gebiet', 'Statusindex', 'Statusklasse', 'Dynamikindex', 'Dynamikklasse', 'Hinweis'],
  status: { hoch: 'hoch', mittel: 'mittel', niedrig: 'niedrig', sehr_niedrig: 'sehr niedrig' },
  dynamics: { positiv: 'positiv', stabil: 'stabil', negativ: 'negativ' },
  outlier: 'Ausreißer.',
  period: 'Zeitraum',
  startPeriod: 'Beginn der Dynamik',
  floor: 'Mindesteinwohnerzahl',
  components: 'Indikatoren',
  higherIsWorse: 'hoch = ungünstig',
  higherIsBetter: 'hoch = günstig',
  confidential: 'Mit Geheimhaltung',
  attribution: 'Quellenvermerk',
};

const VIEW: IndexExploration = {
  tenantKey: '99001',
  saved: null,
  period: '2024-12-31',
  startPeriod: '2021-12-31',
  level: 'gemeinde',
  spanYears: 3,
  populationFloor: 300,
  components: [
    { indicatorKey: 'a', label: 'SGB-II-Quote', unit: '%', weight: 1.5, polarity: 'higher_is_worse' },
    { indicatorKey: 'b', label: 'Wanderungssaldo', unit: '‰', weight: 1, polarity: 'higher_is_better' },
  ],
  periods: ['2024-12-31'],
  confidential: true,
  results: [
    {
      key: '1',
      name: '=HYPERLINK("x")',
      status: 1.25,
      dynamics: -0.5,
      statusClass: 'niedrig',
      dynamicsClass: 'stabil',
      outlier: true,
    },
    {
      key: '2',
      name: 'Klein; Dorf',
      status: null,
      dynamics: null,
      statusClass: null,
      dynamicsClass: null,
      reason: 'Weniger als 300 Einwohner: nicht klassifiziert.',
      outlier: false,
    },
  ],
  notes: [],
  sensitivity: [],
};

describe('CSV of the composite index', () => {
  it('writes one formula-safe row per region, then the settings and the attribution', () => {
    const lines = indexCsv(VIEW, ['Demo-Daten', 'Demo-Daten'], TEXTS).split('\r\n');
    expect(lines).toEqual([
      'Schlüssel;Gebiet;Statusindex;Statusklasse;Dynamikindex;Dynamikklasse;Hinweis',
      `1;"'=HYPERLINK(""x"")";1,25;niedrig;-0,5;stabil;Ausreißer.`,
      '2;"Klein; Dorf";;;;;Weniger als 300 Einwohner: nicht klassifiziert.',
      '',
      'Zeitraum;2024-12-31',
      'Beginn der Dynamik;2021-12-31',
      'Mindesteinwohnerzahl;300',
      'Indikatoren;"SGB-II-Quote: 1,5 (hoch = ungünstig); Wanderungssaldo: 1 (hoch = günstig)"',
      'Mit Geheimhaltung',
      'Quellenvermerk;Demo-Daten',
      '',
    ]);
  });
});

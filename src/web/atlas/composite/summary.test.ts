import { describe, expect, it } from 'vitest';
import texts from '../../i18n/parts/atlasIndex.de.json';
import type { Translate } from '../summary.ts';
import { indexSummary, mostSensitive } from './summary.ts';
import type { IndexExploration, IndexRow } from './types.ts';

/** The German texts with plurals (count 1 → _one) and {{placeholders}} filled, as i18next would. */
const t: Translate = (key, values = {}) => {
  const lookup = (k: string) =>
    k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
  const count = values.count;
  const template = (typeof count === 'number' ? lookup(`${key}_${count === 1 ? 'one' : 'other'}`) : undefined) ?? lookup(key);
  if (typeof template !== 'string') throw new Error(`Kein Text für ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

const row = (
  key: string,
  status: number | null,
  statusClass: IndexRow['statusClass'],
  dynamicsClass: IndexRow['dynamicsClass'],
  reason?: string,
): IndexRow => ({
  key,
  name: `Gemeinde ${key}`,
  status,
  dynamics: dynamicsClass ? 0 : null,
  statusClass,
  dynamicsClass,
  outlier: false,
  ...(reason ? { reason } : {}),
});

function exploration(results: IndexRow[], zero: (number | null)[]): IndexExploration {
  const components = zero.map((_, i) => ({
    indicatorKey: `k${i}`,
    label: `Indikator ${i}`,
    unit: '%',
    weight: 1,
    polarity: 'higher_is_worse' as const,
  }));
  return {
    tenantKey: '99001',
    saved: null,
    period: '2024-12-31',
    startPeriod: '2021-12-31',
    level: 'gemeinde',
    spanYears: 3,
    populationFloor: 1500,
    components,
    periods: ['2024-12-31'],
    confidential: true,
    results,
    notes: [],
    sensitivity: zero.map((changed, i) => ({
      indicatorKey: `k${i}`,
      variants: [
        { change: 'plus50', weight: 1.5, changed: 0, keys: [] },
        { change: 'minus50', weight: 0.5, changed: 0, keys: [] },
        { change: 'zero', weight: 0, changed, keys: [] },
      ],
    })),
  };
}

describe('summary text of the composite index', () => {
  it('names the counts, the regions with very low status and negative dynamics, the worst region and the decisive weight', () => {
    const view = exploration(
      [
        row('1', 2.25, 'sehr_niedrig', 'negativ'),
        row('2', 0.5, 'mittel', 'stabil'),
        row('3', -1.5, 'hoch', 'positiv'),
        row('4', 1.2, 'niedrig', null, 'Keine Dynamik: Ausgangswert fehlt.'),
        row('5', null, null, null, 'Weniger als 1500 Einwohner: nicht klassifiziert.'),
      ],
      [1, 3, null],
    );
    expect(indexSummary(view, 'de', t)).toBe(
      '3 von 5 Gebieten sind nach Status und Dynamik eingeordnet. ' +
        '1 Gebiet hat nur einen Status (keine Ausgangswerte). ' +
        '1 Gebiet ist nicht eingeordnet (unter 1.500 Einwohner*innen oder Werte fehlen). ' +
        'Sehr niedriger Status: Gemeinde 1 (1 Gebiet). ' +
        'Negative Dynamik: Gemeinde 1 (1 Gebiet). ' +
        'Am stärksten benachteiligt ist Gemeinde 1 (Statusindex 2,25). ' +
        'Am stärksten hängen die Klassen vom Gewicht für „Indikator 1“ ab: ohne diesen Indikator wechseln 3 Gebiete die Klasse.',
    );
  });

  it('says so when no region has a very low status or negative dynamics and no single weight matters', () => {
    const view = exploration([row('1', 0.1, 'mittel', 'stabil'), row('2', -0.1, 'mittel', 'stabil')], [0, 0]);
    expect(mostSensitive(view)).toBeNull();
    expect(indexSummary(view, 'de', t)).toBe(
      '2 von 2 Gebieten sind nach Status und Dynamik eingeordnet. Kein Gebiet hat einen sehr niedrigen Status. ' +
        'Kein Gebiet hat eine negative Dynamik. Am stärksten benachteiligt ist Gemeinde 1 (Statusindex 0,1). ' +
        'Kein Gebiet wechselt die Klasse, wenn ein einzelner Indikator weggelassen wird.',
    );
  });

  it('shortens long lists of names', () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(String(i + 1), 2 - i / 10, 'sehr_niedrig', 'stabil'));
    expect(indexSummary(exploration(rows, [2]), 'de', t)).toContain(
      'Sehr niedriger Status: Gemeinde 1, Gemeinde 2, Gemeinde 3, Gemeinde 4, Gemeinde 5 und 2 weitere (7 Gebiete).',
    );
  });
});

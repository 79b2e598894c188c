import { describe, expect, it } from 'vitest';
import {
  DEMO_ROW,
  decodeRow,
  encodeRow,
  latestPeriod,
  readRows,
  requestBody,
  writeRows,
  type GapRowSettings,
} from './settings.ts';

const kita: GapRowSettings = { ...DEMO_ROW, period: '2024-12-31', minReachPercent: 80 };
const senior: GapRowSettings = {
  label: 'Senior*innen | Treffs & Beratung',
  termKeys: ['zielgruppe.senioren', 'handlungsfeld.offene_altenhilfe'],
  variableKey: 'demo.alter_65_plus',
  period: '2023',
  reachKm: null,
  minPer1000: 2.5,
  minReachPercent: null,
};

describe('gap analysis settings in the address', () => {
  it('round-trips rows with special characters through the address', () => {
    const params = writeRows(new URLSearchParams('sprache=de'), '99001', [kita, senior]);
    const again = new URLSearchParams(params.toString());
    expect(again.get('kommune')).toBe('99001');
    expect(again.get('sprache')).toBe('de');
    expect(readRows(again)).toEqual([kita, senior]);
  });

  it('replaces the rows of an earlier address instead of adding to them', () => {
    const first = writeRows(new URLSearchParams(), '99001', [kita, senior]);
    expect(readRows(writeRows(first, '99001', [senior]))).toEqual([senior]);
  });

  it('drops rows without label, terms, variable or a valid period, and caps the share at 100 %', () => {
    const valid = encodeRow(kita);
    const broken = (patch: Record<string, string>) => {
      const p = new URLSearchParams(valid);
      for (const [k, v] of Object.entries(patch)) p.set(k, v);
      return p.toString();
    };
    expect(decodeRow(broken({ t: ' ' }))).toBeNull();
    expect(decodeRow(broken({ b: ',' }))).toBeNull();
    expect(decodeRow(broken({ m: '' }))).toBeNull();
    expect(decodeRow(broken({ p: '31.12.2024' }))).toBeNull();
    expect(decodeRow(broken({ e: '250' }))?.minReachPercent).toBe(100);
    expect(decodeRow(broken({ km: '-3' }))?.reachKm).toBeNull();
    expect(decodeRow(broken({ q: 'viel' }))?.minPer1000).toBeNull();
  });

  it('builds the API request: metres, share 0–1, population points from the first row with a distance', () => {
    expect(requestBody([senior, kita])).toEqual({
      rows: [
        {
          key: 'zeile-1',
          label: senior.label,
          termKeys: senior.termKeys,
          targetVariableKey: 'demo.alter_65_plus',
          period: '2023',
          minCapacityPer1000: 2.5,
        },
        {
          key: 'zeile-2',
          label: 'Kinder 0–6: Kindertagesbetreuung',
          termKeys: ['handlungsfeld.kindertagesbetreuung'],
          targetVariableKey: 'demo.alter_0_5',
          period: '2024-12-31',
          reachMetres: 3000,
          minCapacityPer1000: 300,
          minReachShare: 0.8,
        },
      ],
      population: { level: 'gemeinde', variableKey: 'demo.alter_0_5', period: '2024-12-31' },
    });
    expect(requestBody([senior])).not.toHaveProperty('population');
  });

  it('takes the latest period', () => {
    expect(latestPeriod(['2022-12-31', '2024-12-31', '2023-12-31'])).toBe('2024-12-31');
    expect(latestPeriod([])).toBeNull();
  });
});

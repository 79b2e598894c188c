import { describe, expect, it } from 'vitest';
import { defineIndicator, inputsOf } from '../indicators/indicator.ts';
import { gapAtlasDefinitions, gapLifeDomain, gapRowKey, storedGapValue, type GapIndicatorValue } from './gap-indicators.ts';

const value = (key: string, unit: string, v: number | null): GapIndicatorValue => ({
  regionKey: '99001-SR3',
  key,
  label: `Label ${key}`,
  unit,
  period: '2024-12-31',
  value: v,
  flag: v === null ? 'not_meaningful' : null,
});

describe('gap indicators for the atlas', () => {
  it('row keys come from the label: lower case, umlauts transliterated, at most 48 characters', () => {
    expect(gapRowKey('Kinder 0–6: Kindertagesbetreuung')).toBe('kinder_0_6_kindertagesbetreuung');
    expect(gapRowKey('  Senior*innen: Pflege & Unterstützung im Alter ')).toBe('senior_innen_pflege_unterstuetzung_im_alter');
    expect(gapRowKey('Größe – Café')).toBe('groesse_cafe');
    expect(gapRowKey('–!')).toBe('');
    const long = gapRowKey('a'.repeat(47) + ' b c');
    expect(long).toBe('a'.repeat(47));
  });

  it('the Lebenslage of a row: its lebenslage term, else its Handlungsfeld or Zielgruppe, else Soziale Teilhabe', () => {
    expect(gapLifeDomain(['handlungsfeld.kindertagesbetreuung'])).toBe('bildung');
    expect(gapLifeDomain(['handlungsfeld.kindertagesbetreuung', 'lebenslage.gesundheit'])).toBe('gesundheit');
    expect(gapLifeDomain(['zielgruppe.kinder_0_6', 'handlungsfeld.wohnungsnotfallhilfe'])).toBe('wohnen');
    expect(gapLifeDomain(['lebenslage.unbekannt', 'eigene.sache'])).toBe('teilhabe');
  });

  it('rates are stored with two decimals, counts and missing values as they are', () => {
    expect(storedGapValue(value('gap:k:capacity_per_1000', 'je 1.000', 24.390243902439025))).toBe(24.39);
    expect(storedGapValue(value('gap:k:reach_share_3000m', '%', 200 / 3))).toBe(66.67);
    expect(storedGapValue(value('gap:k:services', 'Anzahl', 3))).toBe(3);
    expect(storedGapValue(value('gap:k:capacity_per_1000', 'je 1.000', null))).toBeNull();
  });

  it('one additive count and two non-additive rates, each shown by an identity indicator, higher is better', () => {
    const values = [
      value('gap:kita:services', 'Anzahl', 1),
      value('gap:kita:capacity_per_1000', 'je 1.000', 24.4),
      value('gap:kita:reach_share_3000m', '%', 50),
      { ...value('gap:kita:services', 'Anzahl', 4), regionKey: '99001-SR1' },
    ];
    const rows = [
      {
        key: 'kita',
        label: 'Kita',
        termKeys: ['handlungsfeld.kindertagesbetreuung'],
        targetVariableKey: 'demo.alter_0_5',
        period: '2024-12-31',
      },
    ];
    const defs = gapAtlasDefinitions(values, rows, { date: '2026-11-24', reachMethod: 'straight_line', population: 'Test' });
    expect(defs.map((d) => [d.variable.key, d.variable.additive])).toEqual([
      ['gap:kita:services', true],
      ['gap:kita:capacity_per_1000', false],
      ['gap:kita:reach_share_3000m', false],
    ]);
    expect(defs[0]!.variable.source).toBe('Planwerk-Abgleich vom 24.11.2026');
    for (const d of defs) {
      const indicator = defineIndicator(d.indicator);
      expect(inputsOf(indicator)).toEqual([d.variable.key]);
      expect(indicator).toMatchObject({ polarity: 'higher_is_better', lifeDomain: 'bildung', unit: d.variable.unit });
    }
    expect(defs[1]!.indicator.methodNotes).toContain('demo.alter_0_5');
    expect(() => gapAtlasDefinitions(values, [], { date: '2026-11-24', reachMethod: null, population: null })).toThrow(
      /keine Zeile/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, readView, writeView, type AtlasView } from './permalink.ts';

describe('atlas permalink', () => {
  it('round-trips a whole view through the query string', () => {
    const view: AtlasView = {
      tenant: '99001',
      indicator: 'demo.kinderarmut',
      period: '2024-12-31',
      level: 'planning_area',
      method: 'jenks',
      classes: 4,
      region: '99001001',
      palette: 'sequential',
      bounds: null,
    };
    const query = writeView(view).toString();
    expect(query).toBe(
      'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=planning_area&klassifikation=jenks&klassen=4&gebiet=99001001',
    );
    expect(readView(new URLSearchParams(query))).toEqual(view);
  });

  it('round-trips manual bounds, the diverging palette and the Land level', () => {
    const view: AtlasView = {
      ...DEFAULT_VIEW,
      tenant: '99001',
      level: 'land',
      method: 'manual',
      classes: 4,
      bounds: [10, 12.5, 15],
      palette: 'diverging',
    };
    const query = writeView(view).toString();
    expect(query).toBe('kommune=99001&ebene=land&klassifikation=manual&grenzen=10%3B12.5%3B15&farben=divergierend');
    expect(readView(new URLSearchParams(query))).toEqual(view);
  });

  it('falls back to the default method when manual bounds are missing or malformed', () => {
    expect(readView(new URLSearchParams('klassifikation=manual'))).toEqual(DEFAULT_VIEW);
    expect(readView(new URLSearchParams('klassifikation=manual&grenzen=15;10'))).toEqual(DEFAULT_VIEW);
    expect(readView(new URLSearchParams('farben=bunt'))).toEqual(DEFAULT_VIEW);
  });

  it('falls back to the defaults for missing or malformed values', () => {
    expect(readView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
    expect(readView(new URLSearchParams('ebene=bund&klassifikation=magic&klassen=12&zeitraum=gestern'))).toEqual(DEFAULT_VIEW);
    expect(writeView(DEFAULT_VIEW).toString()).toBe('ebene=gemeinde&klassifikation=quantile&klassen=5');
  });
});

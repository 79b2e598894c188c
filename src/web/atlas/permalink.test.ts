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
    };
    const query = writeView(view).toString();
    expect(query).toBe(
      'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=planning_area&klassifikation=jenks&klassen=4&gebiet=99001001',
    );
    expect(readView(new URLSearchParams(query))).toEqual(view);
  });

  it('falls back to the defaults for missing or malformed values', () => {
    expect(readView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
    expect(readView(new URLSearchParams('ebene=land&klassifikation=magic&klassen=12&zeitraum=gestern'))).toEqual(DEFAULT_VIEW);
    expect(writeView(DEFAULT_VIEW).toString()).toBe('ebene=gemeinde&klassifikation=quantile&klassen=5');
  });
});

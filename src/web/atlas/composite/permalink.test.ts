import { describe, expect, it } from 'vitest';
import {
  componentsParam,
  DEFAULT_INDEX_VIEW,
  parseComponents,
  readIndexView,
  writeIndexView,
  type IndexView,
} from './permalink.ts';

describe('permalink of the composite index page', () => {
  it('round-trips a whole view through the query string', () => {
    const view: IndexView = {
      tenant: '99001',
      period: '2023-12-31',
      level: 'planning_area',
      components: [
        { indicatorKey: 'demo.sgb2_quote', weight: 1.5, polarity: 'higher_is_worse' },
        { indicatorKey: 'demo.wanderungssaldo', weight: 0, polarity: 'higher_is_better' },
      ],
      span: 2,
      floor: 500,
      region: '99001003',
    };
    const params = writeIndexView(view);
    expect(params.toString()).toBe(
      'kommune=99001&zeitraum=2023-12-31&ebene=planning_area&indikatoren=demo.sgb2_quote%3A1.5%3Aworse%2Cdemo.wanderungssaldo%3A0%3Abetter&dynamik=2&mindesteinwohner=500&gebiet=99001003',
    );
    expect(readIndexView(new URLSearchParams(params.toString()))).toEqual(view);
  });

  it('leaves the saved index’s settings (null) out and reads an empty address as the defaults', () => {
    expect(writeIndexView(DEFAULT_INDEX_VIEW).toString()).toBe('ebene=gemeinde');
    expect(readIndexView(new URLSearchParams(''))).toEqual(DEFAULT_INDEX_VIEW);
  });

  it('drops malformed, repeated and out-of-range values', () => {
    const view = readIndexView(
      new URLSearchParams(
        'zeitraum=gestern&ebene=land&indikatoren=a:1:worse,a:2:better,b:-1:worse,c:x:worse,d:2&dynamik=0&mindesteinwohner=-5',
      ),
    );
    expect(view).toEqual({ ...DEFAULT_INDEX_VIEW, components: [{ indicatorKey: 'a', weight: 1, polarity: 'higher_is_worse' }] });
    expect(parseComponents('nichts')).toBeNull();
    expect(parseComponents(null)).toBeNull();
    expect(readIndexView(new URLSearchParams('dynamik=21')).span).toBeNull();
  });

  it('writes the components as the API reads them', () => {
    expect(componentsParam([{ indicatorKey: 'x.y', weight: 0.25, polarity: 'higher_is_better' }])).toBe('x.y:0.25:better');
  });
});

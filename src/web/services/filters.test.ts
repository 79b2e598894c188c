import { describe, expect, it } from 'vitest';
import { apiQuery, EMPTY_FILTERS, hasFilters, readFilters, writeFilters, type ServiceFilters } from './filters.ts';

describe('Angebote: filters ↔ address', () => {
  const full: ServiceFilters = {
    tenant: '99001',
    text: 'Treff am See',
    zielgruppe: 'jugendliche',
    lebenslage: 'bildung',
    area: '99001-SR2',
    age: 15,
    openNow: true,
    selected: 'svc-1',
  };

  it('writes German parameter names in a stable order and reads them back unchanged', () => {
    const query = writeFilters(full).toString();
    expect(query).toBe(
      'kommune=99001&suche=Treff+am+See&zielgruppe=jugendliche&lebenslage=bildung&sozialraum=99001-SR2&alter=15&geoeffnet=ja&angebot=svc-1',
    );
    expect(readFilters(new URLSearchParams(query))).toEqual(full);
  });

  it('leaves empty filters out of the address', () => {
    expect(writeFilters(EMPTY_FILTERS).toString()).toBe('');
    expect(writeFilters({ ...EMPTY_FILTERS, age: 0 }).toString()).toBe('alter=0');
    expect(readFilters(new URLSearchParams(''))).toEqual(EMPTY_FILTERS);
  });

  it('drops malformed values instead of passing them on', () => {
    const read = readFilters(new URLSearchParams('alter=121&zielgruppe=Jugend liche&geoeffnet=1&sozialraum=<x>&suche=%20%20'));
    expect(read).toEqual(EMPTY_FILTERS);
    expect(readFilters(new URLSearchParams('alter=-3')).age).toBeNull();
    expect(readFilters(new URLSearchParams('alter=7.5')).age).toBeNull();
    expect(readFilters(new URLSearchParams('alter=120')).age).toBe(120);
  });

  it('builds the public API query with term keys of both vocabularies', () => {
    expect(Object.fromEntries(apiQuery(full))).toEqual({
      q: 'Treff am See',
      terms: 'zielgruppe.jugendliche,lebenslage.bildung',
      area: '99001-SR2',
      age: '15',
      openNow: 'true',
    });
    expect(apiQuery({ ...EMPTY_FILTERS, tenant: '99001', selected: 'x' }).toString()).toBe('');
  });

  it('tells whether a search filter is set (municipality and selection do not count)', () => {
    expect(hasFilters({ ...EMPTY_FILTERS, tenant: '99001', selected: 'x' })).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, age: 0 })).toBe(true);
    expect(hasFilters({ ...EMPTY_FILTERS, openNow: true })).toBe(true);
  });
});

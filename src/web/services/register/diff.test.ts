import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../domain/services/model.ts';
import { serviceDiff, type DiffWords } from './diff.ts';

const words: DiffWords = {
  organization: (id) => ({ jr: 'Jugendring Musterland' })[id] ?? id,
  location: (id) => ({ l1: 'Jugendhaus Mitte', l2: 'Treff Süd' })[id] ?? id,
  term: (key) => ({ 'zielgruppe.jugendliche': 'Jugendliche', 'lebenslage.bildung': 'Bildung' })[key] ?? key,
  status: (s) => (s === 'active' ? 'aktiv' : 'vorübergehend geschlossen'),
  weekday: (d) => ({ MO: 'Mo', TU: 'Di', WE: 'Mi', TH: 'Do', FR: 'Fr', SA: 'Sa', SU: 'So' })[d],
};

describe('serviceDiff', () => {
  const before = {
    ...emptyDraft('jr', 'Jugendclub'),
    description: 'Offener Treff',
    termKeys: ['zielgruppe.jugendliche'],
    locationIds: ['l1'],
    minimumAge: 12,
  };

  it('lists only the changed fields as readable text, with names instead of ids', () => {
    const after = {
      ...before,
      description: 'Offener Treff mit Hausaufgabenhilfe',
      status: 'temporarily closed' as const,
      termKeys: ['lebenslage.bildung', 'zielgruppe.jugendliche'],
      locationIds: ['l1', 'l2'],
      minimumAge: 10,
      schedules: [
        {
          freq: 'WEEKLY' as const,
          interval: 1,
          byday: ['FR' as const, 'MO' as const],
          bymonthday: [],
          dtstart: null,
          until: null,
          validFrom: null,
          validTo: null,
          opensAt: '14:00',
          closesAt: '19:30:00',
          description: 'nicht in den Ferien',
        },
      ],
      costOptions: [{ option: 'Monatsbeitrag', amount: 12.5, currency: 'EUR', amountDescription: null }],
    };
    expect(serviceDiff(before, after, words)).toEqual([
      { field: 'description', before: 'Offener Treff', after: 'Offener Treff mit Hausaufgabenhilfe' },
      { field: 'status', before: 'aktiv', after: 'vorübergehend geschlossen' },
      { field: 'termKeys', before: 'Jugendliche', after: 'Bildung, Jugendliche' },
      { field: 'minimumAge', before: '12', after: '10' },
      { field: 'costOptions', before: '', after: 'Monatsbeitrag: 12,5 EUR' },
      { field: 'locationIds', before: 'Jugendhaus Mitte', after: 'Jugendhaus Mitte; Treff Süd' },
      { field: 'schedules', before: '', after: 'Mo, Fr 14:00–19:30 (nicht in den Ferien)' },
    ]);
  });

  it('reports nothing when only the order of terms differs', () => {
    const a = { ...before, termKeys: ['lebenslage.bildung', 'zielgruppe.jugendliche'] };
    const b = { ...before, termKeys: ['zielgruppe.jugendliche', 'lebenslage.bildung'] };
    expect(serviceDiff(a, b, words)).toEqual([]);
  });

  it('shows every filled field of a new service and nothing for an archive request', () => {
    expect(serviceDiff(null, before, words).map((c) => [c.field, c.after])).toEqual([
      ['name', 'Jugendclub'],
      ['organizationId', 'Jugendring Musterland'],
      ['description', 'Offener Treff'],
      ['status', 'aktiv'],
      ['termKeys', 'Jugendliche'],
      ['minimumAge', '12'],
      ['locationIds', 'Jugendhaus Mitte'],
    ]);
    expect(serviceDiff(before, null, words)).toEqual([]);
  });
});

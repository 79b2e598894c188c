import { describe, expect, it } from 'vitest';
import { emptyDraft, type Service } from '../../../domain/services/model.ts';
import { bodyFromForm, bodyFromService, formFromService } from './form.ts';

const stored: Service = {
  ...emptyDraft('jr', 'Jugendclub'),
  id: 's1',
  published: true,
  archived: false,
  updatedAt: '2026-11-01T10:00:00Z',
  assuredDate: '2026-09-15',
  capacity: 20,
  languages: [{ name: 'Deutsch', code: 'de', note: null }],
  funding: [{ source: 'Landesprogramm Jugendpauschale' }],
  costOptions: [{ option: 'Monatsbeitrag', amount: 12.5, currency: 'EUR', amountDescription: null }],
  schedules: [
    {
      freq: 'WEEKLY',
      interval: 2,
      byday: ['MO'],
      bymonthday: [],
      dtstart: '2026-01-05',
      until: null,
      validFrom: null,
      validTo: null,
      opensAt: '14:00:00',
      closesAt: '18:00:00',
      description: null,
    },
  ],
};

describe('the edit form', () => {
  it('gives back an unchanged service as it was (what the form does not show is kept)', () => {
    const { body, errors } = bodyFromForm(formFromService(stored), stored, 'provider');
    expect(errors).toEqual({});
    const { published: _p, assured: _a, ...expected } = bodyFromService({ ...stored, ageDays: 70 });
    expect(Object.keys(expected)).not.toContain('ageDays');
    expect(body).toEqual({
      ...expected,
      schedules: [{ ...stored.schedules[0], opensAt: '14:00', closesAt: '18:00' }],
    });
  });

  it('reads German amounts and reports text that is not a number; planners send publication and check', () => {
    const form = {
      ...formFromService(stored),
      capacity: 'zwanzig',
      minimumAge: ' 6 ',
      languages: 'Deutsch, Arabisch',
      costOptions: [{ option: 'Ausflug', amount: '1.234,50', amountDescription: '', currency: null }],
      published: false,
      assured: false,
    };
    const { body, errors } = bodyFromForm(form, stored, 'planner');
    expect(errors).toEqual({ capacity: 'notWholeNumber' });
    expect(body).toMatchObject({
      minimumAge: 6,
      capacity: null,
      languages: [
        { name: 'Deutsch', code: 'de', note: null },
        { name: 'Arabisch', code: null, note: null },
      ],
      costOptions: [{ option: 'Ausflug', amount: 1234.5, currency: 'EUR', amountDescription: null }],
      published: false,
      assured: false,
    });
    expect(
      bodyFromForm({ ...form, costOptions: [{ ...form.costOptions[0]!, amount: 'frei' }] }, stored, 'planner').errors,
    ).toEqual({ capacity: 'notWholeNumber', 'costOptions.1.amount': 'notAmount' });
  });
});

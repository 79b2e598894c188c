import { describe, expect, it } from 'vitest';
import { emptyDraft, emptySchedule, isPublic, type Location, type Organization, type Service } from './model.ts';
import { daysBetween, isOverdue } from './overdue.ts';
import { publicView } from './public-view.ts';
import { matchesFilter } from './search.ts';
import { DEFAULT_TAXONOMY, effectiveTaxonomy, validateTaxonomyOverride } from './taxonomy.ts';
import { coordinateProblem, validateServiceDraft } from './validation.ts';

const known = new Set(DEFAULT_TAXONOMY.map((t) => t.key));
const context = { today: '2026-11-24', knownTermKeys: known };

function errorFields(fn: () => void): Record<string, string> {
  try {
    fn();
  } catch (e) {
    return (e as { details: { fields: Record<string, string> } }).details.fields;
  }
  return {};
}

describe('validateServiceDraft', () => {
  it('accepts a complete draft', () => {
    const draft = {
      ...emptyDraft('o1', 'Jugendclub Nord'),
      minimumAge: 12,
      maximumAge: 17,
      termKeys: ['zielgruppe.jugendliche'],
    };
    expect(() => validateServiceDraft(draft, context)).not.toThrow();
  });
  it('names every wrong field in German', () => {
    const draft = {
      ...emptyDraft('', ' '),
      minimumAge: 18,
      maximumAge: 12,
      capacity: -1,
      email: 'kein-at',
      url: 'ftp://x',
      assuredDate: '2026-12-01',
      termKeys: ['zielgruppe.marsmenschen'],
      schedules: [{ ...emptySchedule(), opensAt: '25:00', closesAt: '10:00', byday: ['XX' as 'MO'] }],
    };
    expect(errorFields(() => validateServiceDraft(draft, context))).toEqual({
      name: 'Der Name fehlt.',
      organizationId: 'Der Träger fehlt.',
      maximumAge: 'Das Höchstalter (12) liegt unter dem Mindestalter (18).',
      capacity: 'Die Kapazität muss eine ganze Zahl ab 0 sein.',
      email: '„kein-at“ ist keine gültige E-Mail-Adresse.',
      url: '„ftp://x“ ist keine gültige Webadresse (http:// oder https://).',
      assuredDate: 'Das Prüfdatum liegt in der Zukunft.',
      termKeys: 'Unbekannte Begriffe der Systematik: „zielgruppe.marsmenschen“.',
      'schedules.1.byday': 'Unbekannter Wochentag „XX“ (erlaubt: MO, TU, WE, TH, FR, SA, SU).',
      'schedules.1.opensAt': '„25:00“ ist keine gültige Uhrzeit (SS:MM).',
    });
  });
  it('checks coordinates against WGS84 bounds (the HSDS sample has latitude 100)', () => {
    expect(coordinateProblem(100, 101)).toBe('Die geografische Breite 100 liegt nicht zwischen -90 und 90.');
    expect(coordinateProblem(51.2, null)).toBe('Es ist nur eine der beiden Koordinaten angegeben.');
    expect(coordinateProblem(null, null)).toBeNull();
    expect(coordinateProblem(51.2, 10.4)).toBeNull();
  });
});

describe('overdue rule', () => {
  it('counts days across a leap year: 2024-02-28 → 2025-02-28 = 366', () => {
    expect(daysBetween('2024-02-28', '2025-02-28')).toBe(366);
  });
  it('exactly 365 days old is current, 366 is overdue, never checked is overdue', () => {
    expect(isOverdue('2025-11-24', '2026-11-24', 365)).toBe(false);
    expect(isOverdue('2025-11-23', '2026-11-24', 365)).toBe(true);
    expect(isOverdue(null, '2026-11-24', 365)).toBe(true);
    expect(isOverdue('2026-10-01', '2026-11-24', 30)).toBe(true); // 54 days
  });
});

describe('taxonomy', () => {
  it('ships the Zielgruppen of the issue', () => {
    const labels = DEFAULT_TAXONOMY.filter((t) => t.vocabulary === 'zielgruppe').map((t) => t.label);
    for (const l of ['Kinder (0–6 Jahre)', 'Alleinerziehende', 'Senior*innen (ab 65 Jahren)', 'Wohnungslose', 'Zugewanderte'])
      expect(labels).toContain(l);
  });
  it('merges renames, hidden and own terms', () => {
    const merged = effectiveTaxonomy([
      {
        key: 'zielgruppe.senioren',
        vocabulary: 'zielgruppe',
        label: 'Ältere Menschen',
        description: null,
        minimumAge: 60,
        maximumAge: null,
        hidden: false,
      },
      {
        key: 'zielgruppe.wohnungslose',
        vocabulary: 'zielgruppe',
        label: 'Wohnungslose',
        description: null,
        minimumAge: null,
        maximumAge: null,
        hidden: true,
      },
      {
        key: 'zielgruppe.studierende',
        vocabulary: 'zielgruppe',
        label: 'Studierende',
        description: null,
        minimumAge: 18,
        maximumAge: 30,
        hidden: false,
      },
    ]);
    expect(merged).toHaveLength(DEFAULT_TAXONOMY.length + 1);
    expect(merged.find((t) => t.key === 'zielgruppe.senioren')).toMatchObject({
      label: 'Ältere Menschen',
      minimumAge: 60,
      builtIn: true,
    });
    expect(merged.find((t) => t.key === 'zielgruppe.wohnungslose')?.hidden).toBe(true);
    expect(merged.find((t) => t.key === 'zielgruppe.studierende')?.builtIn).toBe(false);
  });
  it('rejects a key outside its vocabulary', () => {
    expect(() =>
      validateTaxonomyOverride({
        key: 'lebenslage.X',
        vocabulary: 'zielgruppe',
        label: 'x',
        description: null,
        minimumAge: null,
        maximumAge: null,
        hidden: false,
      }),
    ).toThrow('Der Schlüssel muss „zielgruppe.<kennung>“ lauten');
  });
});

const org: Organization = {
  id: 'o1',
  name: 'Tagesmutter Beispiel',
  alternateName: null,
  description: null,
  email: 'privat@example.org',
  website: 'https://privat.example.org',
  legalStatus: null,
  privatePerson: true,
};
const location: Location = {
  id: 'l1',
  organizationId: 'o1',
  name: 'Kindertagespflege',
  description: null,
  transportation: null,
  latitude: 50.83456,
  longitude: 12.91234,
  coordinateSource: 'imported',
  address: { address1: 'Privatweg 3', city: 'Chemnitz', postalCode: '09111', region: null, country: 'DE' },
  accessibility: [],
};
const service: Service = {
  ...emptyDraft('o1', 'Kindertagespflege Beispiel'),
  id: 's1',
  email: 'privat@example.org',
  phones: [{ number: '0371 123', type: 'voice', description: null }],
  contacts: [{ name: 'Erika Beispiel', title: null, department: null, email: 'privat@example.org', phones: [] }],
  minimumAge: 0,
  maximumAge: 3,
  termKeys: ['zielgruppe.kinder_0_6'],
  locationIds: ['l1'],
  published: true,
  archived: false,
  updatedAt: '2026-11-24T00:00:00.000Z',
};

describe('public view', () => {
  it('never shows contact data of a private person; the point is coarsened to 0.01°', () => {
    const view = publicView(service, org, [location]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('privat@example.org');
    expect(text).not.toContain('0371 123');
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('Privatweg');
    expect(view.locations[0]).toMatchObject({ latitude: 50.83, longitude: 12.91 });
  });
  it('shows an organisation’s own contact data but never named contact persons', () => {
    const view = publicView(service, { ...org, privatePerson: false }, [location]);
    expect(view.email).toBe('privat@example.org');
    expect(view.phones).toHaveLength(1);
    expect(JSON.stringify(view)).not.toContain('Erika');
    expect(view.locations[0]?.latitude).toBe(50.83456);
  });
  it('is public only when published, active and not archived', () => {
    expect(isPublic(service)).toBe(true);
    expect(isPublic({ ...service, status: 'temporarily closed' })).toBe(false);
    expect(isPublic({ ...service, archived: true })).toBe(false);
    expect(isPublic({ ...service, published: false })).toBe(false);
  });
});

describe('matchesFilter', () => {
  it('filters by age range, terms, area and text', () => {
    expect(matchesFilter(service, { age: 2 })).toBe(true);
    expect(matchesFilter(service, { age: 4 })).toBe(false);
    expect(matchesFilter(service, { termKeys: ['zielgruppe.kinder_0_6'] })).toBe(true);
    expect(matchesFilter(service, { termKeys: ['zielgruppe.kinder_0_6', 'zielgruppe.familien'] })).toBe(false);
    expect(matchesFilter(service, { locationIdsInArea: new Set(['l1']) })).toBe(true);
    expect(matchesFilter(service, { locationIdsInArea: new Set(['l2']) })).toBe(false);
    expect(matchesFilter(service, { text: 'pflege' })).toBe(true);
    expect(matchesFilter(service, { openAt: new Date('2026-11-24T08:30:00Z') })).toBe(false);
  });
});

import type { Position, Region } from '../regions/region.ts';
import { emptySchedule, type Location, type Organization, type Schedule, type Service, type Weekday } from '../services/model.ts';
import { generateMusterlandGeography } from './musterland.ts';
import { seededRandom } from './random.ts';

/**
 * The demo's service register: 60 fictional services of fictional providers spread over the
 * Gemeinden of Landkreis Musterland, generated deterministically. Built-in gap: Sozialraum Nord
 * (SR3) has a single small Kita (20 places) and no Kindertagespflege, while the other areas have
 * several Kitas — the gap analysis of Kinder 0–6 shows it. One Kindertagespflege is run by a
 * private person, so that the public map shows how such entries are protected.
 */

/** The demo provider account: a contributor linked to the Jugendring. */
export const DEMO_PROVIDER = {
  email: 'anbieter@musterland.example',
  displayName: 'Andi Anbieter (Demo)',
  organizationId: 'demo-org-jugendring',
} as const;

/** The date all demo entries were last checked, except the few deliberately overdue ones. */
export const DEMO_ASSURED_DATE = '2026-09-15';

const ORGANIZATIONS: Organization[] = [
  ['demo-org-landkreis', 'Landkreis Musterland – Jugend- und Sozialamt', 'Körperschaft des öffentlichen Rechts'],
  ['demo-org-stadt', 'Stadt Musterstadt', 'Körperschaft des öffentlichen Rechts'],
  ['demo-org-jugendring', 'Jugendring Musterland e. V.', 'eingetragener Verein'],
  ['demo-org-kinderwelt', 'Kinderwelt Musterland gGmbH', 'gemeinnützige GmbH'],
  ['demo-org-sozialwerk', 'Sozialwerk Musterland e. V.', 'eingetragener Verein'],
  ['demo-org-familienbund', 'Familienbund Musterstadt e. V.', 'eingetragener Verein'],
  ['demo-org-nachbarschaft', 'Nachbarschaftshilfe Wiesengrund e. V.', 'eingetragener Verein'],
  ['demo-org-bildungswerk', 'Bildungswerk Fiktivhausen gGmbH', 'gemeinnützige GmbH'],
  ['demo-org-teilhabe', 'Teilhabe Musterland e. V.', 'eingetragener Verein'],
].map(([id, name, legalStatus]) => ({
  id: id!,
  name: name!,
  alternateName: null,
  description: null,
  email: `kontakt@${id!.replace('demo-org-', '')}.musterland.example`,
  website: `https://${id!.replace('demo-org-', '')}.musterland.example`,
  legalStatus: legalStatus!,
  privatePerson: false,
}));

const PRIVATE_ORGANIZATION: Organization = {
  id: 'demo-org-tagespflege-demo',
  name: 'Kindertagespflege Anna Demo',
  alternateName: null,
  description: null,
  email: 'anna.demo@privat.example',
  website: null,
  legalStatus: 'natürliche Person',
  privatePerson: true,
};

interface Kind {
  label: string;
  organizations: string[];
  terms: string[];
  ages: [number | null, number | null];
  capacity: [number, number] | null;
  days: Weekday[];
  hours: [string, string];
  description: string;
}

const WEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

const KINDS: Record<string, Kind> = {
  kita: {
    label: 'Kita',
    organizations: ['demo-org-kinderwelt', 'demo-org-stadt', 'demo-org-sozialwerk'],
    terms: ['zielgruppe.kinder_0_6', 'lebenslage.bildung', 'handlungsfeld.kindertagesbetreuung'],
    ages: [0, 6],
    capacity: [45, 120],
    days: WEEK,
    hours: ['06:30', '17:00'],
    description: 'Kindertageseinrichtung mit Krippe und Kindergarten.',
  },
  jugendclub: {
    label: 'Jugendclub',
    organizations: ['demo-org-jugendring'],
    terms: ['zielgruppe.jugendliche', 'lebenslage.teilhabe', 'handlungsfeld.offene_jugendarbeit'],
    ages: [12, 21],
    capacity: [25, 40],
    days: ['TU', 'WE', 'TH', 'FR', 'SA'],
    hours: ['14:00', '21:00'],
    description: 'Offener Treff mit Beratung, Hausaufgabenhilfe und Freizeitangeboten.',
  },
  schulsozialarbeit: {
    label: 'Schulsozialarbeit',
    organizations: ['demo-org-jugendring', 'demo-org-sozialwerk'],
    terms: ['zielgruppe.schulkinder', 'zielgruppe.jugendliche', 'lebenslage.bildung', 'handlungsfeld.schulsozialarbeit'],
    ages: [6, 17],
    capacity: null,
    days: WEEK,
    hours: ['07:30', '15:00'],
    description: 'Ansprechperson an der Schule für Schüler*innen, Eltern und Lehrkräfte.',
  },
  erziehungsberatung: {
    label: 'Erziehungs- und Familienberatung',
    organizations: ['demo-org-familienbund', 'demo-org-landkreis'],
    terms: ['zielgruppe.familien', 'zielgruppe.alleinerziehende', 'lebenslage.demografie', 'handlungsfeld.familienbildung'],
    ages: [null, null],
    capacity: [60, 150],
    days: ['MO', 'TU', 'TH'],
    hours: ['09:00', '16:00'],
    description: 'Vertrauliche und kostenfreie Beratung bei Fragen zu Erziehung, Trennung und Familie.',
  },
  schuldnerberatung: {
    label: 'Schuldner- und Insolvenzberatung',
    organizations: ['demo-org-sozialwerk'],
    terms: ['zielgruppe.alle', 'lebenslage.einkommen_armut', 'handlungsfeld.schuldnerberatung'],
    ages: [18, null],
    capacity: [150, 300],
    days: ['MO', 'WE'],
    hours: ['09:00', '15:00'],
    description: 'Beratung bei Schulden, Begleitung im Verbraucherinsolvenzverfahren.',
  },
  migrationsberatung: {
    label: 'Migrationsberatung',
    organizations: ['demo-org-sozialwerk', 'demo-org-landkreis'],
    terms: ['zielgruppe.zugewanderte', 'lebenslage.migration', 'handlungsfeld.integration'],
    ages: [18, null],
    capacity: [80, 160],
    days: ['TU', 'TH'],
    hours: ['10:00', '17:00'],
    description: 'Beratung zu Aufenthalt, Sprache, Arbeit und Wohnen für zugewanderte Erwachsene.',
  },
  wohnungsnotfall: {
    label: 'Wohnungsnotfallhilfe',
    organizations: ['demo-org-landkreis'],
    terms: ['zielgruppe.wohnungslose', 'lebenslage.wohnen', 'handlungsfeld.wohnungsnotfallhilfe'],
    ages: [18, null],
    capacity: [20, 30],
    days: WEEK,
    hours: ['08:00', '12:00'],
    description: 'Hilfe bei drohendem Wohnungsverlust, Notunterkunft und Fachberatung.',
  },
  seniorentreff: {
    label: 'Seniorentreff',
    organizations: ['demo-org-nachbarschaft', 'demo-org-stadt'],
    terms: ['zielgruppe.senioren', 'lebenslage.teilhabe', 'handlungsfeld.seniorenarbeit'],
    ages: [60, null],
    capacity: [20, 50],
    days: ['MO', 'WE', 'FR'],
    hours: ['13:00', '17:00'],
    description: 'Begegnung, Kaffeenachmittage, Bewegungsangebote und Beratung für ältere Menschen.',
  },
  familienzentrum: {
    label: 'Familienzentrum',
    organizations: ['demo-org-familienbund'],
    terms: ['zielgruppe.familien', 'zielgruppe.alleinerziehende', 'zielgruppe.kinder_0_6', 'handlungsfeld.familienbildung'],
    ages: [null, null],
    capacity: [30, 60],
    days: WEEK,
    hours: ['09:00', '18:00'],
    description: 'Eltern-Kind-Gruppen, Familienbildung, Treff für Alleinerziehende.',
  },
  arbeitsfoerderung: {
    label: 'Beschäftigungsprojekt',
    organizations: ['demo-org-bildungswerk'],
    terms: ['zielgruppe.langzeitarbeitslose', 'lebenslage.erwerb_arbeit', 'handlungsfeld.arbeitsfoerderung'],
    ages: [25, 64],
    capacity: [15, 30],
    days: WEEK,
    hours: ['08:00', '15:30'],
    description: 'Qualifizierung und geförderte Beschäftigung für Langzeitarbeitslose (Landesprogramm).',
  },
  teilhabe: {
    label: 'Beratung für Menschen mit Behinderung',
    organizations: ['demo-org-teilhabe'],
    terms: ['zielgruppe.menschen_mit_behinderung', 'lebenslage.teilhabe', 'handlungsfeld.eingliederungshilfe'],
    ages: [null, null],
    capacity: [40, 80],
    days: ['MO', 'TU', 'WE', 'TH'],
    hours: ['09:00', '15:00'],
    description: 'Ergänzende unabhängige Teilhabeberatung.',
  },
  tafel: {
    label: 'Tafel',
    organizations: ['demo-org-nachbarschaft'],
    terms: ['zielgruppe.alle', 'lebenslage.einkommen_armut', 'handlungsfeld.beratung'],
    ages: [null, null],
    capacity: [100, 200],
    days: ['TU', 'FR'],
    hours: ['10:00', '13:00'],
    description: 'Ausgabe von Lebensmitteln an Menschen mit geringem Einkommen.',
  },
};

/** How many services of each kind each planning area gets (SR1 Süd-West, SR2 Musterstadt, SR3 Nord, SR4 Ost). */
const PLAN: Record<string, [number, number, number, number]> = {
  kita: [4, 6, 1, 5],
  jugendclub: [2, 3, 2, 1],
  schulsozialarbeit: [1, 3, 1, 1],
  erziehungsberatung: [0, 2, 0, 1],
  schuldnerberatung: [0, 2, 0, 0],
  migrationsberatung: [0, 2, 0, 1],
  wohnungsnotfall: [0, 1, 0, 0],
  seniorentreff: [2, 3, 2, 1],
  familienzentrum: [1, 2, 0, 1],
  arbeitsfoerderung: [0, 2, 0, 1],
  teilhabe: [0, 2, 0, 1],
  tafel: [0, 1, 0, 1],
};

const STREETS = [
  'Hauptstraße',
  'Schulweg',
  'Lindenallee',
  'Am Markt',
  'Bahnhofstraße',
  'Gartenweg',
  'Kirchplatz',
  'Wiesenstraße',
];

function inRing(point: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function randomPointIn(region: Region, random: () => number): Position {
  const ring = region.geometry!.type === 'Polygon' ? region.geometry!.coordinates[0]! : region.geometry!.coordinates[0]![0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (;;) {
    // Keep points away from the border so that each one clearly lies in its Gemeinde.
    const p: Position = [minX + (0.15 + 0.7 * random()) * (maxX - minX), minY + (0.15 + 0.7 * random()) * (maxY - minY)];
    if (inRing(p, ring)) return [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
  }
}

function schedule(kind: Kind): Schedule {
  return { ...emptySchedule(), freq: 'WEEKLY', byday: kind.days, opensAt: kind.hours[0], closesAt: kind.hours[1] };
}

/** The demo register: organisations, locations and services (all published; a few overdue for a check). */
export function generateMusterlandServices(): { organizations: Organization[]; locations: Location[]; services: Service[] } {
  const random = seededRandom(0x5e12c);
  const geography = generateMusterlandGeography();
  const current = geography.regions.filter((r) => r.level === 'gemeinde' && r.validTo === null);
  const areaKeys = Object.keys(geography.planningAreaMembers).sort();
  const locations: Location[] = [];
  const services: Service[] = [];
  let n = 0;
  for (const [kindKey, perArea] of Object.entries(PLAN)) {
    const kind = KINDS[kindKey]!;
    perArea.forEach((count, areaIndex) => {
      const members = geography.planningAreaMembers[areaKeys[areaIndex]!]!;
      for (let i = 0; i < count; i++) {
        n++;
        const gemeinde = current.find((g) => g.key === members[(i + n) % members.length])!;
        const [lon, lat] = randomPointIn(gemeinde, random);
        const town = gemeinde.name.replace(', Stadt', '');
        const organizationId = kind.organizations[n % kind.organizations.length]!;
        const id = `demo-${String(n).padStart(3, '0')}`;
        const small = kindKey === 'kita' && areaIndex === 2;
        const capacity =
          kind.capacity === null
            ? null
            : small
              ? 20
              : Math.round(kind.capacity[0] + random() * (kind.capacity[1] - kind.capacity[0]));
        locations.push({
          id: `${id}-ort`,
          organizationId,
          name: `${kind.label} ${town}`,
          description: null,
          transportation: random() < 0.5 ? 'Bushaltestelle in 200 m Entfernung' : null,
          latitude: lat,
          longitude: lon,
          coordinateSource: 'imported',
          address: {
            address1: `${STREETS[n % STREETS.length]} ${1 + Math.floor(random() * 60)}`,
            city: town,
            postalCode: `99${String(100 + n).padStart(3, '0')}`,
            region: null,
            country: 'DE',
          },
          accessibility:
            random() < 0.6 ? [{ description: 'Stufenloser Zugang, barrierefreies WC', details: null, url: null }] : [],
        });
        services.push({
          id,
          organizationId,
          name: `${kind.label} ${town}${count > 1 ? ` ${i + 1}` : ''}`,
          alternateName: null,
          description: kind.description,
          url: null,
          email: `${kindKey}-${n}@musterland.example`,
          status: 'active',
          eligibilityDescription: null,
          minimumAge: kind.ages[0],
          maximumAge: kind.ages[1],
          capacity,
          applicationProcess: null,
          feesDescription: kindKey === 'kita' ? 'Elternbeiträge nach Satzung der Gemeinde' : 'kostenfrei',
          // Every seventh entry has not been checked for more than a year.
          assuredDate: n % 7 === 0 ? '2025-06-30' : DEMO_ASSURED_DATE,
          termKeys: kind.terms,
          schedules: [schedule(kind)],
          contacts: [],
          phones: [{ number: `03601 ${String(4000 + n * 17)}`, type: 'voice', description: null }],
          costOptions: [],
          funding: kindKey === 'arbeitsfoerderung' ? [{ source: 'Landesprogramm Arbeit für Thüringen (fiktiv)' }] : [],
          languages:
            kindKey === 'migrationsberatung'
              ? [
                  { name: 'Arabisch', code: 'ar', note: null },
                  { name: 'Ukrainisch', code: 'uk', note: null },
                ]
              : [],
          locationIds: [`${id}-ort`],
          published: true,
          archived: false,
          updatedAt: `${DEMO_ASSURED_DATE}T08:00:00.000Z`,
        });
      }
    });
  }
  // The private Kindertagespflege in Süd-West (SR1): n = 60.
  const sr1 = geography.planningAreaMembers[areaKeys[0]!]!;
  const home = current.find((g) => g.key === sr1[0])!;
  const [lon, lat] = randomPointIn(home, random);
  locations.push({
    id: 'demo-060-ort',
    organizationId: PRIVATE_ORGANIZATION.id,
    name: 'Kindertagespflege Anna Demo',
    description: null,
    transportation: null,
    latitude: lat,
    longitude: lon,
    coordinateSource: 'imported',
    address: { address1: 'Privatweg 7', city: home.name, postalCode: '99160', region: null, country: 'DE' },
    accessibility: [],
  });
  services.push({
    ...services.find((s) => s.id === 'demo-001')!,
    id: 'demo-060',
    organizationId: PRIVATE_ORGANIZATION.id,
    name: 'Kindertagespflege „Kleine Füße“',
    description: 'Betreuung von bis zu fünf Kindern unter drei Jahren im Haushalt der Tagespflegeperson.',
    email: 'anna.demo@privat.example',
    phones: [{ number: '0170 0000000', type: 'mobile', description: null }],
    minimumAge: 0,
    maximumAge: 3,
    capacity: 5,
    termKeys: ['zielgruppe.kinder_0_6', 'handlungsfeld.kindertagesbetreuung'],
    locationIds: ['demo-060-ort'],
  });
  return { organizations: [...ORGANIZATIONS, PRIVATE_ORGANIZATION], locations, services };
}

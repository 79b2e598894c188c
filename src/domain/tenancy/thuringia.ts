import type { Tenant } from './tenant.ts';

/**
 * The Thuringian Landkreise and kreisfreie Städte (Gebietsstand 2021-07-01, after
 * Eisenach 16056 joined the Wartburgkreis 16063) and the state itself. Used to create a
 * tenant by key alone, e.g. `planwerk user create --municipality 16051`.
 */
export const THURINGIAN_TENANTS: readonly Tenant[] = [
  { key: '16', name: 'Freistaat Thüringen', kind: 'state' },
  { key: '16051', name: 'Erfurt', kind: 'kreisfreie_stadt' },
  { key: '16052', name: 'Gera', kind: 'kreisfreie_stadt' },
  { key: '16053', name: 'Jena', kind: 'kreisfreie_stadt' },
  { key: '16054', name: 'Suhl', kind: 'kreisfreie_stadt' },
  { key: '16055', name: 'Weimar', kind: 'kreisfreie_stadt' },
  { key: '16061', name: 'Landkreis Eichsfeld', kind: 'landkreis' },
  { key: '16062', name: 'Landkreis Nordhausen', kind: 'landkreis' },
  { key: '16063', name: 'Wartburgkreis', kind: 'landkreis' },
  { key: '16064', name: 'Unstrut-Hainich-Kreis', kind: 'landkreis' },
  { key: '16065', name: 'Kyffhäuserkreis', kind: 'landkreis' },
  { key: '16066', name: 'Landkreis Schmalkalden-Meiningen', kind: 'landkreis' },
  { key: '16067', name: 'Landkreis Gotha', kind: 'landkreis' },
  { key: '16068', name: 'Landkreis Sömmerda', kind: 'landkreis' },
  { key: '16069', name: 'Landkreis Hildburghausen', kind: 'landkreis' },
  { key: '16070', name: 'Ilm-Kreis', kind: 'landkreis' },
  { key: '16071', name: 'Landkreis Weimarer Land', kind: 'landkreis' },
  { key: '16072', name: 'Landkreis Sonneberg', kind: 'landkreis' },
  { key: '16073', name: 'Landkreis Saalfeld-Rudolstadt', kind: 'landkreis' },
  { key: '16074', name: 'Saale-Holzland-Kreis', kind: 'landkreis' },
  { key: '16075', name: 'Saale-Orla-Kreis', kind: 'landkreis' },
  { key: '16076', name: 'Landkreis Greiz', kind: 'landkreis' },
  { key: '16077', name: 'Landkreis Altenburger Land', kind: 'landkreis' },
];

/** Looks up a Thuringian tenant by its official key; undefined when unknown. */
export function findThuringianTenant(key: string): Tenant | undefined {
  return THURINGIAN_TENANTS.find((t) => t.key === key);
}

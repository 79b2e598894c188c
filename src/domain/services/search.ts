import type { Service } from './model.ts';
import { openState } from './opening-hours.ts';

/** Filters of the service search; every given filter must match. */
export interface ServiceFilter {
  /** Free text, matched case-insensitively against name, alternate name and description. */
  text?: string | undefined;
  /** Term keys (e.g. `zielgruppe.jugendliche`); the service needs every one of them. */
  termKeys?: readonly string[] | undefined;
  /** Age in years; matches when the service's age range contains it (open bounds match). */
  age?: number | undefined;
  /** Location ids inside the chosen Sozialraum; the service needs one of them. */
  locationIdsInArea?: ReadonlySet<string> | undefined;
  /** Only services open at this instant (Europe/Berlin opening hours). */
  openAt?: Date | undefined;
}

/** Whether a service matches the filter (see {@link ServiceFilter}). */
export function matchesFilter(service: Service, filter: ServiceFilter): boolean {
  if (filter.text) {
    const needle = filter.text.toLocaleLowerCase('de');
    const hay = [service.name, service.alternateName ?? '', service.description ?? ''].join('\n').toLocaleLowerCase('de');
    if (!hay.includes(needle)) return false;
  }
  if (filter.termKeys && !filter.termKeys.every((k) => service.termKeys.includes(k))) return false;
  if (filter.age !== undefined) {
    if (service.minimumAge !== null && filter.age < service.minimumAge) return false;
    if (service.maximumAge !== null && filter.age > service.maximumAge) return false;
  }
  if (filter.locationIdsInArea && !service.locationIds.some((id) => filter.locationIdsInArea!.has(id))) return false;
  if (filter.openAt && openState(service.schedules, filter.openAt) !== 'open') return false;
  return true;
}

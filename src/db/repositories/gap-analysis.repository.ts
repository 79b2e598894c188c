import { sql, type Kysely } from 'kysely';
import type { GapServiceRecord, GapServiceSource, GapServiceStatus } from '../../use-cases/gap-analysis/ports.ts';
import type { DB } from '../schema.ts';

/**
 * The service register as the gap analysis reads it: only status, terms, capacity and the
 * coordinates of the locations, taken from the JSON document in the database instead of
 * parsing whole services (5,000 services: a few times faster than listing the register).
 */
export function gapServiceRepository(db: Kysely<DB>): GapServiceSource {
  return {
    async listForGapAnalysis(tenantKey): Promise<GapServiceRecord[]> {
      const [services, links, locations] = await Promise.all([
        db
          .selectFrom('services')
          .select([
            'id',
            'name',
            'status',
            'archived',
            sql<string[] | null>`data->'termKeys'`.as('term_keys'),
            sql<number | null>`data->'capacity'`.as('capacity'),
          ])
          .where('tenant_key', '=', tenantKey)
          .orderBy('name')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('service_at_locations')
          .select(['service_id', 'location_id'])
          .where('tenant_key', '=', tenantKey)
          .orderBy('id')
          .execute(),
        db.selectFrom('service_locations').select(['id', 'longitude', 'latitude']).where('tenant_key', '=', tenantKey).execute(),
      ]);
      const at = new Map(locations.map((l) => [l.id, l]));
      const byService = new Map<string, GapServiceRecord['locations'][number][]>();
      for (const link of links) {
        const l = at.get(link.location_id);
        const list = byService.get(link.service_id) ?? [];
        list.push({ id: link.location_id, longitude: l?.longitude ?? null, latitude: l?.latitude ?? null });
        byService.set(link.service_id, list);
      }
      return services.map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status as GapServiceStatus,
        archived: s.archived,
        termKeys: s.term_keys ?? [],
        capacity: typeof s.capacity === 'number' ? s.capacity : null,
        locations: byService.get(s.id) ?? [],
      }));
    },
  };
}

import type { Kysely } from 'kysely';
import { redactSnapshot } from '../../domain/audit/audit-entry.ts';
import type { AuditLog } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Append-only audit log; snapshots are redacted of secrets before they are written. */
export function auditLogRepository(db: Kysely<DB>): AuditLog {
  return {
    async record(entry, at) {
      const before = redactSnapshot(entry.before);
      const after = redactSnapshot(entry.after);
      await db
        .insertInto('audit_log')
        .values({
          at,
          actor_user_id: entry.actorUserId,
          actor_label: entry.actorLabel,
          tenant_key: entry.tenantKey,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId,
          before: before === null ? null : JSON.stringify(before),
          after: after === null ? null : JSON.stringify(after),
        })
        .execute();
    },
    async list(tenantKey, { limit, beforeId }) {
      let query = db.selectFrom('audit_log').selectAll().where('tenant_key', '=', tenantKey);
      if (beforeId !== undefined) query = query.where('id', '<', beforeId);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: String(r.id),
        at: r.at,
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        tenantKey: r.tenant_key,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before as Record<string, unknown> | null,
        after: r.after as Record<string, unknown> | null,
      }));
    },
  };
}

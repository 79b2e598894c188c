/**
 * One audit record: who did what, when, in which tenant, with the state before and after.
 * `before`/`after` never contain secrets (password hashes, session tokens).
 */
export interface AuditEntryInput {
  /** Acting user id, or null for the system (seeding, CLI without a user). */
  actorUserId: string | null;
  /** Label of the actor as shown in the log (e-mail or "System (CLI)"). */
  actorLabel: string;
  /** Tenant the change belongs to; null for platform-wide changes. */
  tenantKey: string | null;
  /** Verb-first action name, e.g. `user.create`, `membership.change-role`. */
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditEntry extends AuditEntryInput {
  id: string;
  at: Date;
}

const SECRET_KEYS = /pass(word)?|hash|token|secret/i;

/** Removes secret-looking fields from a snapshot before it is written to the audit log. */
export function redactSnapshot(snapshot: Record<string, unknown> | null): Record<string, unknown> | null {
  if (snapshot === null) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(snapshot)) {
    if (SECRET_KEYS.test(k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { Role } from '../../domain/tenancy/roles.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, MemberRecord, MembershipStore } from '../ports.ts';

/** Changes a member's role (tenant admins only); the last admin cannot be demoted. */
export async function changeMemberRole(
  deps: { memberships: MembershipStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; userId: string; role: Role },
): Promise<MemberRecord> {
  requireRole(actor, input.tenantKey, 'admin');
  const member = await deps.memberships.get(input.userId, input.tenantKey);
  if (!member) throw new NotFoundError('Dieses Mitglied wurde nicht gefunden.', 'member-not-found');
  if (member.role === input.role) return member;
  if (member.role === 'admin' && (await deps.memberships.countAdmins(input.tenantKey)) <= 1) {
    throw new InvalidError(
      'Die letzte Administratorin bzw. der letzte Administrator kann nicht herabgestuft werden.',
      'last-admin',
    );
  }
  const now = deps.clock.now();
  await deps.memberships.upsert(input.userId, input.tenantKey, input.role, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'membership.change-role',
      entityType: 'membership',
      entityId: `${input.userId}@${input.tenantKey}`,
      before: { email: member.email, role: member.role },
      after: { email: member.email, role: input.role },
    },
    now,
  );
  return { ...member, role: input.role };
}

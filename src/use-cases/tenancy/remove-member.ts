import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, MembershipStore } from '../ports.ts';

/** Removes a membership (tenant admins only); the account itself stays. The last admin stays. */
export async function removeMember(
  deps: { memberships: MembershipStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; userId: string },
): Promise<void> {
  requireRole(actor, input.tenantKey, 'admin');
  const member = await deps.memberships.get(input.userId, input.tenantKey);
  if (!member) throw new NotFoundError('Dieses Mitglied wurde nicht gefunden.', 'member-not-found');
  if (member.role === 'admin' && (await deps.memberships.countAdmins(input.tenantKey)) <= 1) {
    throw new InvalidError('Die letzte Administratorin bzw. der letzte Administrator kann nicht entfernt werden.', 'last-admin');
  }
  await deps.memberships.remove(input.userId, input.tenantKey);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'membership.remove',
      entityType: 'membership',
      entityId: `${input.userId}@${input.tenantKey}`,
      before: { email: member.email, role: member.role },
      after: null,
    },
    deps.clock.now(),
  );
}

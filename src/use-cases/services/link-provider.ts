import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, MembershipStore } from '../ports.ts';
import type { ProviderLinkStore, ServiceRegisterStore } from './ports.ts';

/**
 * Makes a member with the role `contributor` a provider account of an organisation: from then
 * on the account may propose changes to that organisation's services (reviewed by planners).
 * Admins of the tenant only; audited.
 */
export async function linkProvider(
  deps: {
    memberships: MembershipStore;
    register: ServiceRegisterStore;
    providers: ProviderLinkStore;
    audit: AuditLog;
    clock: Clock;
  },
  actor: Actor,
  input: { tenantKey: string; userId: string; organizationId: string },
): Promise<{ userId: string; organizationIds: string[] }> {
  requireRole(actor, input.tenantKey, 'admin');
  const member = await deps.memberships.get(input.userId, input.tenantKey);
  if (!member) throw new NotFoundError('Dieses Mitglied gibt es nicht.', 'member-not-found');
  if (member.role !== 'contributor')
    throw new InvalidError('Anbieter-Konten haben die Rolle „Mitwirkende“ (contributor).', 'provider-role-required', {
      fields: { userId: 'Rolle contributor nötig' },
    });
  if (!(await deps.register.getOrganization(input.tenantKey, input.organizationId)))
    throw new NotFoundError('Den Träger gibt es nicht.', 'organization-not-found');
  const now = deps.clock.now();
  await deps.providers.link(input.tenantKey, input.userId, input.organizationId, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'service-provider.link',
      entityType: 'service-provider',
      entityId: `${input.userId}@${input.organizationId}`,
      before: null,
      after: { email: member.email, organizationId: input.organizationId },
    },
    now,
  );
  return { userId: input.userId, organizationIds: await deps.providers.organizationsOf(input.tenantKey, input.userId) };
}

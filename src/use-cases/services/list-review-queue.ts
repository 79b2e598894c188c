import type { Service } from '../../domain/services/model.ts';
import type { ChangeRequest, ChangeStatus } from '../../domain/services/review.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { ChangeRequestStore, ProviderLinkStore, ServiceRegisterStore } from './ports.ts';
import { registerWriteAccess } from './register-access.ts';

/** A change with the service as it is now (null for a new service), so that a reviewer can compare. */
export interface QueueEntry {
  change: ChangeRequest;
  current: Service | null;
}

/**
 * The review queue: planners see every change of the tenant (pending by default, oldest
 * first); a provider account sees the changes of its own organisations, with the reviewer's
 * comment once decided.
 */
export async function listReviewQueue(
  deps: { register: ServiceRegisterStore; changes: ChangeRequestStore; providers: ProviderLinkStore },
  actor: Actor,
  input: { tenantKey: string; status?: ChangeStatus | undefined },
): Promise<QueueEntry[]> {
  const access = await registerWriteAccess(deps.providers, actor, input.tenantKey);
  const changes = await deps.changes.list(input.tenantKey, {
    ...(input.status ? { status: input.status } : access.mode === 'planner' ? { status: 'pending' as const } : {}),
    ...(access.mode === 'provider' ? { organizationIds: access.organizationIds } : {}),
  });
  const out: QueueEntry[] = [];
  for (const change of changes) {
    out.push({ change, current: (await deps.register.getService(input.tenantKey, change.serviceId)) ?? null });
  }
  return out;
}

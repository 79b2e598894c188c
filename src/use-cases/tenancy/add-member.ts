import { normaliseEmail } from '../../domain/accounts/email.ts';
import { passwordFromRandomBytes, validateNewPassword } from '../../domain/accounts/password-policy.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { Role } from '../../domain/tenancy/roles.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, MembershipStore, PasswordHasher, Secrets, TenantStore, UserStore } from '../ports.ts';

export interface AddMemberInput {
  tenantKey: string;
  email: string;
  role: Role;
  displayName?: string | undefined;
  /** Initial password for a new account; generated when absent. Ignored for existing accounts. */
  password?: string | undefined;
}

export interface AddMemberResult {
  userId: string;
  email: string;
  role: Role;
  createdAccount: boolean;
  /** Only set when a password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * Adds a person to a tenant with a role (tenant admins and the system may). Creates the
 * account when the e-mail address is new; an existing member is a conflict.
 */
export async function addMember(
  deps: {
    tenants: TenantStore;
    users: UserStore;
    memberships: MembershipStore;
    audit: AuditLog;
    hasher: PasswordHasher;
    secrets: Secrets;
    clock: Clock;
  },
  actor: Actor,
  input: AddMemberInput,
): Promise<AddMemberResult> {
  requireRole(actor, input.tenantKey, 'admin');
  const tenant = await deps.tenants.get(input.tenantKey);
  if (!tenant) throw new NotFoundError(`Die Gebietskörperschaft ${input.tenantKey} wurde nicht gefunden.`, 'tenant-not-found');
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  let user = await deps.users.findByEmail(email);
  let generatedPassword: string | undefined;
  const createdAccount = !user;
  if (!user) {
    let password = input.password;
    if (password === undefined || password === '') {
      password = passwordFromRandomBytes(deps.secrets.bytes(20));
      generatedPassword = password;
    } else {
      validateNewPassword(password, email);
    }
    const displayName = (input.displayName ?? '').trim() || email.split('@')[0]!;
    if (displayName.length > 200) {
      throw new InvalidError('Der Name darf höchstens 200 Zeichen lang sein.', 'invalid-display-name');
    }
    user = { id: deps.secrets.uuid(), email, displayName, passwordHash: await deps.hasher.hash(password), createdAt: now };
    await deps.users.insert(user);
    await deps.audit.record(
      {
        ...auditActor(actor),
        tenantKey: tenant.key,
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { email, displayName },
      },
      now,
    );
  } else if (await deps.memberships.get(user.id, tenant.key)) {
    throw new ConflictError(`${email} ist bereits Mitglied von ${tenant.name}.`, 'already-member');
  }
  await deps.memberships.upsert(user.id, tenant.key, input.role, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: tenant.key,
      action: 'membership.add',
      entityType: 'membership',
      entityId: `${user.id}@${tenant.key}`,
      before: null,
      after: { email, role: input.role },
    },
    now,
  );
  return { userId: user.id, email, role: input.role, createdAccount, ...(generatedPassword ? { generatedPassword } : {}) };
}

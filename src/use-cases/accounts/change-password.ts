import { validateNewPassword } from '../../domain/accounts/password-policy.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, PasswordHasher, SessionStore, UserStore } from '../ports.ts';

/**
 * Changes the actor's own password after checking the current one, and ends all other
 * sessions of the user (the current one stays). Returns how many sessions were ended.
 */
export async function changePassword(
  deps: { users: UserStore; sessions: SessionStore; audit: AuditLog; hasher: PasswordHasher; clock: Clock },
  actor: Extract<Actor, { kind: 'user' }>,
  input: { currentPassword: string; newPassword: string; currentSessionHash: string },
): Promise<number> {
  const user = await deps.users.findById(actor.userId);
  if (!user) throw new NotFoundError('Das Konto wurde nicht gefunden.', 'user-not-found');
  if (!(await deps.hasher.verify(user.passwordHash, input.currentPassword))) {
    throw new InvalidError('Das aktuelle Passwort ist falsch.', 'wrong-current-password', {
      fields: { currentPassword: 'Das aktuelle Passwort ist falsch.' },
    });
  }
  try {
    validateNewPassword(input.newPassword, user.email);
  } catch (error) {
    // Report the problem on the form field the person typed into.
    if (error instanceof InvalidError)
      throw new InvalidError(error.message, error.code, { fields: { newPassword: error.message } });
    throw error;
  }
  if (input.newPassword === input.currentPassword) {
    throw new InvalidError('Das neue Passwort muss sich vom aktuellen unterscheiden.', 'same-password', {
      fields: { newPassword: 'Das neue Passwort muss sich vom aktuellen unterscheiden.' },
    });
  }
  const now = deps.clock.now();
  await deps.users.updatePasswordHash(user.id, await deps.hasher.hash(input.newPassword), now);
  const ended = await deps.sessions.deleteAllOfUser(user.id, input.currentSessionHash);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: null,
      action: 'user.change-password',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { endedOtherSessions: ended },
    },
    now,
  );
  return ended;
}

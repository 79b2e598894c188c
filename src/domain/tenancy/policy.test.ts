import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { ANONYMOUS, canReadTenant, requireRole, type Actor } from './policy.ts';

const planner: Actor = {
  kind: 'user',
  userId: 'u1',
  email: 'planung@kreis.example',
  memberships: [{ tenantKey: '16061', tenantKind: 'landkreis', tenantName: 'Landkreis Eichsfeld', role: 'planner' }],
};
const stateViewer: Actor = {
  kind: 'user',
  userId: 'u2',
  email: 'land@thueringen.example',
  memberships: [{ tenantKey: '16', tenantKind: 'state', tenantName: 'Freistaat Thüringen', role: 'viewer' }],
};

describe('tenant policy', () => {
  it('lets members and the state organisation read, nobody else', () => {
    expect(canReadTenant(planner, '16061')).toBe(true);
    expect(canReadTenant(planner, '16051')).toBe(false);
    expect(canReadTenant(stateViewer, '16051')).toBe(true);
    expect(canReadTenant(ANONYMOUS, '16061')).toBe(false);
  });

  it('answers outsiders with NotFound and members lacking the role with Forbidden', () => {
    expect(() => requireRole(planner, '16051', 'viewer')).toThrow(NotFoundError);
    expect(() => requireRole(planner, '16061', 'admin')).toThrow(ForbiddenError);
    expect(() => requireRole(planner, '16061', 'contributor')).not.toThrow();
    // Reading across municipalities does not make the state organisation an admin there.
    expect(() => requireRole(stateViewer, '16051', 'admin')).toThrow(ForbiddenError);
  });
});

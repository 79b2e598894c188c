import { InvalidError } from '../shared/errors.ts';

/**
 * A tenant is a municipality (Landkreis or kreisfreie Stadt, keyed by its official
 * 5-digit Kreis key) or the single state-level organisation (keyed by the 2-digit Land key).
 * Keys are strings: leading zeros matter (`01001`).
 */
export type TenantKind = 'landkreis' | 'kreisfreie_stadt' | 'state';

export const TENANT_KINDS: readonly TenantKind[] = ['landkreis', 'kreisfreie_stadt', 'state'];

export interface Tenant {
  key: string;
  name: string;
  kind: TenantKind;
}

/** True for the two municipal kinds (not the state organisation). */
export function isMunicipality(tenant: Pick<Tenant, 'kind'>): boolean {
  return tenant.kind !== 'state';
}

/** Validates a tenant key against its kind: 5 digits for municipalities, 2 for the state. */
export function validateTenantKey(key: string, kind: TenantKind): string {
  const expected = kind === 'state' ? /^\d{2}$/ : /^\d{5}$/;
  if (!expected.test(key)) {
    throw new InvalidError(
      kind === 'state'
        ? `„${key}“ ist kein gültiger Landesschlüssel (2 Ziffern, z. B. 16).`
        : `„${key}“ ist kein gültiger Kreisschlüssel (5 Ziffern, z. B. 16051).`,
      'invalid-tenant-key',
      { fields: { key: 'Ungültiger Schlüssel' } },
    );
  }
  return key;
}

/** Validates and normalises a tenant name (trimmed, 2–200 characters). */
export function validateTenantName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 2 || trimmed.length > 200) {
    throw new InvalidError('Der Name muss zwischen 2 und 200 Zeichen lang sein.', 'invalid-tenant-name', {
      fields: { name: 'Ungültiger Name' },
    });
  }
  return trimmed;
}

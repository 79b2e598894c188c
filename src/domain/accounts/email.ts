import { InvalidError } from '../shared/errors.ts';

/** Normalises an e-mail address for storage and lookup (trimmed, lower case); throws when malformed. */
export function normaliseEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new InvalidError(`„${input.trim()}“ ist keine gültige E-Mail-Adresse.`, 'invalid-email', {
      fields: { email: 'Ungültige E-Mail-Adresse' },
    });
  }
  return email;
}

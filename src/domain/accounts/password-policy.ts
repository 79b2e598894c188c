import { InvalidError } from '../shared/errors.ts';

/** Minimum password length in characters (BSI recommends long passphrases over complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;
/** Maximum length, to bound the hashing cost of a single request. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Checks a new password: 12–256 characters, not only one repeated character and not the
 * e-mail address itself. Returns the password unchanged; throws InvalidError otherwise.
 */
export function validateNewPassword(password: string, email?: string): string {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(`Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.`);
  }
  if ([...password].length > MAX_PASSWORD_LENGTH) {
    problems.push(`Das Passwort darf höchstens ${MAX_PASSWORD_LENGTH} Zeichen lang sein.`);
  }
  if (password.length > 0 && new Set(password).size === 1) {
    problems.push('Das Passwort darf nicht aus nur einem wiederholten Zeichen bestehen.');
  }
  if (email !== undefined && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    problems.push('Das Passwort darf nicht der E-Mail-Adresse entsprechen.');
  }
  if (problems.length > 0) {
    throw new InvalidError(problems.join(' '), 'weak-password', { fields: { password: problems.join(' ') } });
  }
  return password;
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Builds a readable random password (20 characters in groups of five, no look-alike
 * characters) from the given random bytes; the caller supplies cryptographic randomness.
 */
export function passwordFromRandomBytes(bytes: Uint8Array): string {
  if (bytes.length < 20) throw new Error('passwordFromRandomBytes needs at least 20 bytes');
  let out = '';
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 5 === 0) out += '-';
    out += ALPHABET[bytes[i]! % ALPHABET.length];
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { passwordFromRandomBytes, validateNewPassword } from './password-policy.ts';

describe('validateNewPassword', () => {
  it('accepts a long passphrase', () => {
    expect(validateNewPassword('Sozialraum-Nord-2026', 'a@b.de')).toBe('Sozialraum-Nord-2026');
  });

  it('rejects short passwords with a German reason', () => {
    expect(() => validateNewPassword('kurz')).toThrow('Das Passwort muss mindestens 12 Zeichen lang sein.');
  });

  it('rejects a repeated single character and the e-mail address', () => {
    expect(() => validateNewPassword('aaaaaaaaaaaaaaa')).toThrow(InvalidError);
    expect(() => validateNewPassword('planer@kreis.de', 'Planer@Kreis.de')).toThrow(
      'Das Passwort darf nicht der E-Mail-Adresse entsprechen.',
    );
  });
});

describe('passwordFromRandomBytes', () => {
  it('builds four groups of five readable characters that pass the policy', () => {
    const bytes = new Uint8Array(20).map((_, i) => i * 13);
    const password = passwordFromRandomBytes(bytes);
    expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(password).not.toMatch(/[l01IO]/);
    expect(validateNewPassword(password)).toBe(password);
  });
});

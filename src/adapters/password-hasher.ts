import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../use-cases/ports.ts';

/**
 * argon2id password hashing (OWASP parameters: 19 MiB memory, 2 iterations, 1 lane).
 * Tests may pass cheaper parameters; the stored PHC string records them, so verification
 * works across settings.
 */
export function argon2Hasher(options: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  const params = {
    algorithm: 2, // Algorithm.Argon2id (a const enum, not importable with isolatedModules)
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: 1,
  };
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}

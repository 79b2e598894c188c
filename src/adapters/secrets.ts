import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Secrets } from '../use-cases/ports.ts';

/** Cryptographically secure tokens from node:crypto; token hashes are SHA-256 hex. */
export const cryptoSecrets: Secrets = {
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  bytes: (n) => new Uint8Array(randomBytes(n)),
  uuid: () => randomUUID(),
  hashToken: (token) => createHash('sha256').update(token).digest('hex'),
};

/**
 * Domain errors. They carry a German message meant for the user and an optional
 * machine-readable `code`; the HTTP edge maps them to RFC 9457 problem responses.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'not-found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'too-many-requests';
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input violates a rule (HTTP 400/422). `details.fields` may name the offending fields. */
export class InvalidError extends DomainError {
  readonly kind = 'invalid' as const;
}

/** The thing does not exist or the actor may not know that it exists (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

/** The actor is known but not allowed to do this (HTTP 403). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** No valid session or wrong credentials (HTTP 401). */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
}

/** The request conflicts with the current state, e.g. a duplicate e-mail (HTTP 409). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

/** Too many attempts; `retryAfterSeconds` says when to try again (HTTP 429). */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too-many-requests' as const;
  constructor(
    message: string,
    code: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, code, { retryAfterSeconds });
  }
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequestsError } from '../domain/shared/errors.ts';

/**
 * RFC 9457 problem details. `type` is a stable URN per problem code; `title` and
 * `detail` are German; `errors` maps field names to messages for validation problems.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'Ungültige Anfrage',
  401: 'Nicht angemeldet',
  403: 'Keine Berechtigung',
  404: 'Nicht gefunden',
  405: 'Methode nicht erlaubt',
  409: 'Konflikt',
  413: 'Anfrage zu groß',
  415: 'Nicht unterstütztes Format',
  422: 'Eingaben nicht verarbeitbar',
  429: 'Zu viele Anfragen',
  500: 'Interner Fehler',
  503: 'Dienst nicht verfügbar',
};

/** Builds a problem object for a status and code with a German detail message. */
export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:planwerk:problem:${code}`, title: TITLES[status] ?? 'Fehler', status, detail, code, ...extra };
}

/** Sends a problem with the `application/problem+json` media type. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  return reply
    .code(p.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ ...p, instance: p.instance ?? request.url.split('?')[0] });
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: 422,
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  'too-many-requests': 429,
};

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** German message for one JSON-schema validation error. */
function describeValidation(error: AjvError, context: string | undefined): { field: string; message: string } {
  const where = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const params = error.params ?? {};
  const field =
    error.keyword === 'required'
      ? String(params.missingProperty ?? '')
      : where || (context === 'body' ? '(Anfragekörper)' : (context ?? ''));
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = 'Angabe fehlt.';
      break;
    case 'type':
      message = `Falscher Typ (erwartet: ${String(params.type)}).`;
      break;
    case 'minLength':
      message = `Mindestens ${String(params.limit)} Zeichen.`;
      break;
    case 'maxLength':
      message = `Höchstens ${String(params.limit)} Zeichen.`;
      break;
    case 'minimum':
      message = `Mindestens ${String(params.limit)}.`;
      break;
    case 'maximum':
      message = `Höchstens ${String(params.limit)}.`;
      break;
    case 'enum':
    case 'anyOf':
      message = `Unzulässiger Wert${Array.isArray(params.allowedValues) ? ` (erlaubt: ${(params.allowedValues as unknown[]).join(', ')})` : ''}.`;
      break;
    case 'pattern':
      message = 'Das Format ist ungültig.';
      break;
    case 'format':
      message = `Kein gültiges Format (${String(params.format)}).`;
      break;
    case 'additionalProperties':
      message = `Unbekanntes Feld „${String(params.additionalProperty)}“.`;
      break;
    default:
      message = 'Ungültiger Wert.';
  }
  return { field: field || '(Anfrage)', message };
}

/** Maps any thrown error to a problem; unknown errors become a generic 500 without internals. */
export function toProblem(error: unknown): { problem: Problem; expected: boolean; retryAfter?: number } {
  if (error instanceof DomainError) {
    const fields = (error.details as { fields?: Record<string, string> }).fields;
    const p = problem(DOMAIN_STATUS[error.kind], error.code, error.message, fields ? { errors: fields } : {});
    return {
      problem: p,
      expected: true,
      ...(error instanceof TooManyRequestsError ? { retryAfter: error.retryAfterSeconds } : {}),
    };
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const errors: Record<string, string> = {};
    for (const v of fe.validation) {
      const d = describeValidation(v, fe.validationContext);
      errors[d.field] ??= d.message;
    }
    const summary = Object.entries(errors)
      .map(([f, m]) => `${f}: ${m}`)
      .join(' ');
    return {
      problem: problem(400, 'validation-failed', `Die Eingaben sind unvollständig oder ungültig. ${summary}`, { errors }),
      expected: true,
    };
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { problem: problem(400, 'malformed-json', 'Der Anfragekörper ist kein gültiges JSON.'), expected: true };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { problem: problem(413, 'body-too-large', 'Die Anfrage ist zu groß.'), expected: true };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        problem: problem(
          415,
          'unsupported-media-type',
          'Dieses Datenformat wird hier nicht angenommen (erwartet: application/json).',
        ),
        expected: true,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        problem: problem(400, 'invalid-content-length', 'Die angegebene Länge des Anfragekörpers stimmt nicht.'),
        expected: true,
      };
  }
  if (error instanceof SyntaxError || (fe?.statusCode === 400 && fe.message?.includes('JSON'))) {
    return { problem: problem(400, 'malformed-json', 'Der Anfragekörper ist kein gültiges JSON.'), expected: true };
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { problem: problem(fe.statusCode, 'bad-request', 'Die Anfrage konnte nicht verarbeitet werden.'), expected: true };
  }
  return {
    problem: problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.'),
    expected: false,
  };
}

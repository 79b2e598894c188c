import os from 'node:os';
import path from 'node:path';

/**
 * The one place that reads `process.env`. Every variable Planwerk understands is listed
 * in `VARIABLES` with its meaning; `loadConfig` validates all of them at once and returns
 * either the typed configuration or the complete list of problems (German messages).
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Validated runtime configuration; durations in seconds, sizes in bytes. */
export interface Config {
  port: number;
  host: string;
  /** Directory of the embedded PGlite database; ignored when `databaseUrl` is set. */
  dataDir: string;
  /** PostgreSQL server connection string (postgres://…); undefined means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Password of the demo accounts; undefined means "generate one and print it once". */
  demoPassword: string | undefined;
  /** Whether an empty database gets the fictional demo "Landkreis Musterland". */
  seedDemo: boolean;
  logLevel: LogLevel;
  /** Trust X-Forwarded-* headers (set when running behind a TLS-terminating proxy). */
  trustProxy: boolean;
  /** Maximum size of a JSON request body in bytes. */
  bodyLimitBytes: number;
  /** Absolute lifetime of a session in seconds. */
  sessionLifetimeSeconds: number;
  /** A session unused for this many seconds expires. */
  sessionIdleSeconds: number;
  /** Failed logins per e-mail address within `loginWindowSeconds` before login is refused. */
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Address shown for accessibility feedback (Feedback-Kontakt). */
  feedbackEmail: string;
  /** Directory with the built browser UI (index.html and assets). */
  webDir: string;
  /** Largest accepted upload in bytes. */
  uploadLimitBytes: number;
  /** Where uploads wait for their column mapping; shared by all app processes of one installation. */
  uploadDir: string;
  /** MapLibre style URL (http or https) of an optional basemap under the atlas map; undefined: no basemap (works offline). */
  basemapStyleUrl: string | undefined;
  /** Attribution shown with that basemap, e.g. „© GeoBasis-DE / BKG“. */
  basemapAttribution: string | undefined;
  /**
   * SMTP server for reminder e-mails (`url` smtp:// or smtps://, may carry user:password, so never
   * log it; `from` the sender address); undefined: no e-mail is sent.
   */
  smtp: SmtpConfig | undefined;
  /** Address of this installation as users reach it (no trailing slash), for links in e-mails; undefined when not set. */
  publicUrl: string | undefined;
  /** A provider gets at most one reminder per overdue entry within this many days. */
  reminderIntervalDays: number;
  /** Hour (0–23, Europe/Berlin) from which `planwerk serve` sends the day's reminders itself; undefined: only by hand or CLI. */
  reminderHour: number | undefined;
}

/** The outgoing mail server: connection URL (with credentials, secret) and sender address. */
export interface SmtpConfig {
  url: string;
  from: string;
}

interface VariableDoc {
  name: string;
  description: string;
  default: string;
}

/** Documentation of every environment variable; printed by `planwerk config --help-env`. */
export const VARIABLES: readonly VariableDoc[] = [
  { name: 'PORT', description: 'HTTP-Port des Servers', default: '3000' },
  {
    name: 'HOST',
    description: 'Adresse, an die der Server bindet (0.0.0.0 für alle Schnittstellen)',
    default: 'localhost',
  },
  {
    name: 'PLANWERK_DATA_DIR',
    description: 'Verzeichnis der eingebetteten Datenbank (PGlite), wenn DATABASE_URL fehlt',
    default: './data',
  },
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL-Server (ab Version 15), z. B. postgres://user:pass@host:5432/planwerk',
    default: '(leer: eingebettete Datenbank)',
  },
  {
    name: 'PLANWERK_DEMO_PASSWORD',
    description: 'Passwort der Demo-Konten (mind. 12 Zeichen); leer: wird erzeugt und einmal ausgegeben',
    default: '(erzeugt)',
  },
  {
    name: 'PLANWERK_DEMO',
    description: 'Leere Datenbank mit dem Demo-Landkreis Musterland füllen (true/false)',
    default: 'true',
  },
  { name: 'LOG_LEVEL', description: 'fatal, error, warn, info, debug, trace oder silent', default: 'info' },
  {
    name: 'PLANWERK_TRUST_PROXY',
    description: 'X-Forwarded-*-Kopfzeilen eines vorgeschalteten TLS-Proxys vertrauen (true/false)',
    default: 'false',
  },
  { name: 'PLANWERK_BODY_LIMIT', description: 'Maximale Größe eines Anfragekörpers in Bytes', default: '1048576' },
  {
    name: 'PLANWERK_SESSION_HOURS',
    description: 'Maximale Dauer einer Sitzung in Stunden',
    default: '12',
  },
  {
    name: 'PLANWERK_SESSION_IDLE_MINUTES',
    description: 'Sitzung läuft nach so vielen Minuten ohne Nutzung ab',
    default: '120',
  },
  {
    name: 'PLANWERK_LOGIN_MAX_FAILURES',
    description: 'Fehlgeschlagene Anmeldungen je E-Mail-Adresse im Zeitfenster, bevor gesperrt wird',
    default: '5',
  },
  {
    name: 'PLANWERK_LOGIN_WINDOW_MINUTES',
    description: 'Zeitfenster für die Anmeldesperre in Minuten',
    default: '15',
  },
  {
    name: 'PLANWERK_FEEDBACK_EMAIL',
    description: 'E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit',
    default: 'barrierefreiheit@planwerk.example',
  },
  { name: 'PLANWERK_UPLOAD_LIMIT_MB', description: 'Größte zulässige Upload-Datei in MiB', default: '200' },
  {
    name: 'PLANWERK_UPLOAD_DIR',
    description: 'Ablage für hochgeladene Dateien bis zum Import (bei mehreren Prozessen ein gemeinsames Verzeichnis)',
    default: '<Systemtemp>/planwerk-uploads',
  },
  {
    name: 'PLANWERK_BASEMAP_STYLE_URL',
    description:
      'MapLibre-Stil (http- oder https-URL, z. B. basemap.de) einer Hintergrundkarte, die Nutzer*innen im Atlas zuschalten können; die Adresse muss auch in der Content-Security-Policy erlaubt sein',
    default: '(leer: keine Hintergrundkarte, offline nutzbar)',
  },
  {
    name: 'PLANWERK_BASEMAP_ATTRIBUTION',
    description: 'Quellenvermerk der Hintergrundkarte, z. B. „© GeoBasis-DE / BKG“',
    default: '(leer)',
  },
  {
    name: 'PLANWERK_SMTP_URL',
    description:
      'Postausgangsserver für Erinnerungen an Anbieter, z. B. smtps://benutzer:passwort@mail.example.org:465 oder smtp://mail.example.org:587 (Sonderzeichen im Passwort %-kodieren); wird nie protokolliert',
    default: '(leer: es werden keine E-Mails versendet)',
  },
  {
    name: 'PLANWERK_MAIL_FROM',
    description: 'Absender der E-Mails, z. B. „Planwerk Musterland <planwerk@musterland.example>“ (nötig mit PLANWERK_SMTP_URL)',
    default: '(leer)',
  },
  {
    name: 'PLANWERK_PUBLIC_URL',
    description:
      'Adresse, unter der Nutzer*innen Planwerk erreichen (http oder https), für Links in E-Mails (nötig mit PLANWERK_SMTP_URL)',
    default: '(leer)',
  },
  {
    name: 'PLANWERK_REMINDER_INTERVAL_DAYS',
    description: 'Ein Anbieter-Konto erhält höchstens einmal in so vielen Tagen eine Erinnerung je überfälligem Angebot',
    default: '7',
  },
  {
    name: 'PLANWERK_REMINDER_HOUR',
    description:
      'Stunde (0–23, deutsche Zeit), ab der der Server die fälligen Erinnerungen einmal täglich selbst versendet (mit PLANWERK_SMTP_URL; auch mit mehreren Prozessen nur einmal)',
    default: '(leer: nur per Knopf oder npx planwerk reminders send)',
  },
  {
    name: 'PLANWERK_WEB_DIR',
    description: 'Verzeichnis der gebauten Browser-Oberfläche',
    default: './dist/web',
  },
];

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the whole environment; never throws, never exits. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ConfigResult {
  const errors: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) {
      errors.push(`${name}: „${raw}“ ist keine ganze Zahl.`);
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      errors.push(`${name}: ${n} liegt nicht zwischen ${min} und ${max}.`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes', 'ja'].includes(lower)) return true;
    if (['false', '0', 'no', 'nein'].includes(lower)) return false;
    errors.push(`${name}: „${raw}“ ist kein Wahrheitswert (erlaubt: true oder false).`);
    return fallback;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const host = value('HOST') ?? 'localhost';

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(databaseUrl);
    } catch {
      errors.push('DATABASE_URL: ist keine gültige URL (erwartet postgres://benutzer@host:5432/datenbank).');
    }
    if (parsed && parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      errors.push(`DATABASE_URL: Schema „${parsed.protocol}“ wird nicht unterstützt (erwartet postgres:).`);
    }
  }

  const demoPassword = value('PLANWERK_DEMO_PASSWORD');
  if (demoPassword !== undefined && demoPassword.length < 12) {
    errors.push('PLANWERK_DEMO_PASSWORD: muss mindestens 12 Zeichen lang sein.');
  }

  const rawLevel = value('LOG_LEVEL') ?? 'info';
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
  else errors.push(`LOG_LEVEL: „${rawLevel}“ ist unbekannt (erlaubt: ${LOG_LEVELS.join(', ')}).`);

  const feedbackEmail = value('PLANWERK_FEEDBACK_EMAIL') ?? 'barrierefreiheit@planwerk.example';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(feedbackEmail)) {
    errors.push(`PLANWERK_FEEDBACK_EMAIL: „${feedbackEmail}“ ist keine E-Mail-Adresse.`);
  }

  const basemapStyleUrl = value('PLANWERK_BASEMAP_STYLE_URL');
  if (basemapStyleUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(basemapStyleUrl);
    } catch {
      errors.push(`PLANWERK_BASEMAP_STYLE_URL: „${basemapStyleUrl}“ ist keine gültige URL (erwartet http:// oder https://).`);
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      errors.push(`PLANWERK_BASEMAP_STYLE_URL: Schema „${parsed.protocol}“ wird nicht unterstützt (erwartet http: oder https:).`);
    }
  }
  const basemapAttribution = value('PLANWERK_BASEMAP_ATTRIBUTION');
  if (basemapAttribution !== undefined && basemapAttribution.length > 300) {
    errors.push('PLANWERK_BASEMAP_ATTRIBUTION: darf höchstens 300 Zeichen lang sein.');
  }

  const smtp = smtpConfig(value('PLANWERK_SMTP_URL'), value('PLANWERK_MAIL_FROM'), errors);
  const publicUrl = publicUrlOf(value('PLANWERK_PUBLIC_URL'), smtp !== undefined, errors);
  const reminderIntervalDays = integer('PLANWERK_REMINDER_INTERVAL_DAYS', 7, 1, 365);
  const reminderHour = value('PLANWERK_REMINDER_HOUR') === undefined ? undefined : integer('PLANWERK_REMINDER_HOUR', 0, 0, 23);

  const config: Config = {
    port,
    host,
    dataDir: path.resolve(cwd, value('PLANWERK_DATA_DIR') ?? 'data'),
    databaseUrl,
    demoPassword,
    seedDemo: bool('PLANWERK_DEMO', true),
    logLevel,
    trustProxy: bool('PLANWERK_TRUST_PROXY', false),
    bodyLimitBytes: integer('PLANWERK_BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    sessionLifetimeSeconds: integer('PLANWERK_SESSION_HOURS', 12, 1, 24 * 30) * 3600,
    sessionIdleSeconds: integer('PLANWERK_SESSION_IDLE_MINUTES', 120, 1, 24 * 60) * 60,
    loginMaxFailures: integer('PLANWERK_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: integer('PLANWERK_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60) * 60,
    feedbackEmail,
    webDir: path.resolve(cwd, value('PLANWERK_WEB_DIR') ?? 'dist/web'),
    uploadLimitBytes: integer('PLANWERK_UPLOAD_LIMIT_MB', 200, 1, 10_240) * 1024 * 1024,
    uploadDir: path.resolve(cwd, value('PLANWERK_UPLOAD_DIR') ?? path.join(os.tmpdir(), 'planwerk-uploads')),
    basemapStyleUrl,
    basemapAttribution,
    smtp,
    publicUrl,
    reminderIntervalDays,
    reminderHour,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

const MAILBOX = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Validates the SMTP URL and the sender; messages never repeat the URL, which may hold a password.
 * Returns undefined when no SMTP server is configured or when it is invalid (the errors say why).
 */
function smtpConfig(url: string | undefined, from: string | undefined, errors: string[]): SmtpConfig | undefined {
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    errors.push('PLANWERK_SMTP_URL: ist keine gültige URL (erwartet smtp://host:587 oder smtps://benutzer:passwort@host:465).');
  }
  let ok = parsed !== undefined;
  if (parsed && parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    errors.push(`PLANWERK_SMTP_URL: Schema „${parsed.protocol}“ wird nicht unterstützt (erwartet smtp: oder smtps:).`);
    ok = false;
  } else if (parsed && parsed.hostname === '') {
    errors.push('PLANWERK_SMTP_URL: der Name des Servers fehlt (erwartet smtp://host:587).');
    ok = false;
  }
  if (from === undefined) {
    errors.push('PLANWERK_MAIL_FROM: ist nötig, wenn PLANWERK_SMTP_URL gesetzt ist (Absender der E-Mails).');
    return undefined;
  }
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1]?.trim() ?? from;
  if (!MAILBOX.test(address)) {
    errors.push(
      `PLANWERK_MAIL_FROM: „${from}“ ist keine E-Mail-Adresse (erwartet planwerk@example.org oder „Name <planwerk@example.org>“).`,
    );
    return undefined;
  }
  return ok ? { url, from } : undefined;
}

/** Validates the public address (http or https, no query) and drops a trailing slash; required with SMTP. */
function publicUrlOf(raw: string | undefined, required: boolean, errors: string[]): string | undefined {
  if (raw === undefined) {
    if (required) {
      errors.push(
        'PLANWERK_PUBLIC_URL: ist nötig, wenn PLANWERK_SMTP_URL gesetzt ist (Adresse für Links in E-Mails, z. B. https://planwerk.example.org).',
      );
    }
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    errors.push(`PLANWERK_PUBLIC_URL: „${raw}“ ist keine gültige URL (erwartet https://planwerk.example.org).`);
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    errors.push(`PLANWERK_PUBLIC_URL: Schema „${parsed.protocol}“ wird nicht unterstützt (erwartet http: oder https:).`);
    return undefined;
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    errors.push('PLANWERK_PUBLIC_URL: darf weder Zugangsdaten noch ? oder # enthalten.');
    return undefined;
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Config for tests and tools: defaults plus overrides, throwing on invalid values. */
export function configFor(overrides: NodeJS.ProcessEnv = {}): Config {
  const result = loadConfig({ LOG_LEVEL: 'silent', ...overrides });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

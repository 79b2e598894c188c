import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';
import { MailDeliveryError, type Mailer } from '../use-cases/services/reminder-ports.ts';

/** Error codes of nodemailer that mean the server was not reached or the session broke down. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EPROXY']);

/** German reason for a failed send; never the URL or credentials, only codes and the server's reply code. */
export function describeMailError(error: unknown): MailDeliveryError {
  const e = error as { code?: string; responseCode?: number };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const reply = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  if (code === 'EAUTH' || code === 'ENOAUTH')
    return new MailDeliveryError(
      'Der E-Mail-Server hat die Anmeldung abgelehnt (Zugangsdaten in PLANWERK_SMTP_URL prüfen).',
      true,
    );
  if (code === 'ETIMEDOUT') return new MailDeliveryError('Der E-Mail-Server antwortet nicht (Zeitüberschreitung).', true);
  if (code === 'EDNS') return new MailDeliveryError('Der Name des E-Mail-Servers ist unbekannt (DNS).', true);
  if (code === 'ETLS')
    return new MailDeliveryError('Die verschlüsselte Verbindung zum E-Mail-Server ist fehlgeschlagen (TLS).', true);
  if (code !== undefined && CONNECTION_CODES.has(code))
    return new MailDeliveryError(`Der E-Mail-Server ist nicht erreichbar (${code}).`, true);
  if (reply !== undefined)
    return new MailDeliveryError(`Der E-Mail-Server hat die Nachricht abgelehnt (SMTP ${reply}).`, reply === 421);
  return new MailDeliveryError(`Der E-Mail-Server hat die Nachricht nicht angenommen${code ? ` (${code})` : ''}.`, false);
}

/**
 * A {@link Mailer} over SMTP (nodemailer): one connection per message, plain text, UTF-8, the
 * configured sender. Timeouts are short so that an unreachable server fails a run within seconds.
 */
export function smtpMailer(config: SmtpConfig): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(
    { url: config.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, logger: false },
    { from: config.from },
  );
  return {
    async send(message) {
      try {
        await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        throw describeMailError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

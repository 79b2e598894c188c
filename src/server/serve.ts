import type { Config } from '../config.ts';
import { redactDatabaseUrl } from '../db/database.ts';
import { repositories } from '../db/repositories/index.ts';
import { buildApp, loggerOptions } from './app.ts';
import { prepareContext } from './bootstrap.ts';
import { smtpMailer } from '../adapters/mailer.ts';
import { runDailyReminders } from './compose-reminders.ts';

const HOUSEKEEPING_MS = 10 * 60 * 1000;

/**
 * Runs the server until SIGTERM/SIGINT: migrate, seed the demo on an empty database
 * (printing a generated password once, never through the logger), listen, and shut down
 * gracefully (stop accepting, finish requests, close the database).
 */
export async function serve(config: Config): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const { ctx, database, seeded } = await prepareContext(config, 'planwerk serve', out);
  if (seeded.seeded) {
    out('');
    out('Demo „Landkreis Musterland“ angelegt. Anmeldung:');
    for (const email of seeded.users) out(`  ${email}`);
    if (seeded.passwordGenerated) {
      out(`  Passwort (wird nur jetzt angezeigt): ${seeded.password}`);
      out('  Tipp: PLANWERK_DEMO_PASSWORD setzt ein festes Demo-Passwort.');
    } else {
      out('  Passwort: wie in PLANWERK_DEMO_PASSWORD gesetzt');
    }
    out('');
  }
  const { app, state } = await buildApp(ctx, loggerOptions(config.logLevel));
  const housekeeping = setInterval(() => {
    const now = ctx.clock.now();
    repositories(ctx.db)
      .sessions.deleteExpired(now, new Date(now.getTime() - config.sessionIdleSeconds * 1000))
      .catch((error: unknown) => app.log.warn({ err: error }, 'Aufräumen abgelaufener Sitzungen fehlgeschlagen'));
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  // Daily reminders (PLANWERK_REMINDER_HOUR): checked every 10 minutes; once per tenant and day across processes.
  const reminderMailer = config.smtp && config.reminderHour !== undefined ? smtpMailer(config.smtp) : null;
  let remindersRunning = false;
  const reminders = setInterval(() => {
    if (reminderMailer === null || remindersRunning) return;
    remindersRunning = true;
    runDailyReminders({ db: ctx.db, config, clock: ctx.clock, mailer: reminderMailer }, (tenantKey, outcome) => {
      if (outcome instanceof Error) app.log.warn({ tenantKey, err: outcome.message }, 'Tägliche Erinnerungen fehlgeschlagen');
      else app.log.info({ tenantKey, mails: outcome.mails, failedMails: outcome.failedMails }, 'Tägliche Erinnerungen versendet');
    })
      .catch((error: unknown) => app.log.warn({ err: error }, 'Tägliche Erinnerungen fehlgeschlagen'))
      .finally(() => {
        remindersRunning = false;
      });
  }, HOUSEKEEPING_MS);
  reminders.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    state.shuttingDown = true;
    app.log.info({ signal }, 'Planwerk wird beendet');
    clearInterval(housekeeping);
    clearInterval(reminders);
    reminderMailer?.close();
    const force = setTimeout(() => {
      app.log.error('Beenden dauerte zu lange, erzwungenes Ende');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'Fehler beim Beenden');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }
  const where = config.databaseUrl
    ? `PostgreSQL ${redactDatabaseUrl(config.databaseUrl)}`
    : `eingebettete Datenbank in ${config.dataDir}`;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  out(`Planwerk läuft auf http://${shownHost}:${config.port} (${where})`);
}

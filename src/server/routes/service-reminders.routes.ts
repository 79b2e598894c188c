import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { smtpMailer } from '../../adapters/mailer.ts';
import { reminderStores } from '../../db/repositories/service-reminders.repository.ts';
import { getReminderStatus } from '../../use-cases/services/get-reminder-status.ts';
import { describeFailedRun, runReminders } from '../compose-reminders.ts';
import type { AppContext } from '../context.ts';
import { problem, sendProblem } from '../problem.ts';
import { Nullable, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });

const ResultSchema = Type.Object({
  mails: Type.Integer({ description: 'versendete E-Mails (je Anbieter-Konto eine)' }),
  entries: Type.Integer({ description: 'Erinnerungen: überfällige Angebote in diesen E-Mails' }),
  failedMails: Type.Integer(),
  failedEntries: Type.Integer(),
  errors: Type.Array(Type.String()),
});

const StatusSchema = Type.Object({
  smtpConfigured: Type.Boolean(),
  intervalDays: Type.Integer(),
  maxAgeDays: Type.Integer(),
  overdue: Type.Integer(),
  overdueWithProvider: Type.Integer(),
  overdueWithoutProvider: Type.Integer(),
  dueProviders: Type.Integer({ description: 'Anbieter-Konten, die jetzt eine Erinnerung bekämen' }),
  dueEntries: Type.Integer(),
  lastRun: Nullable(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      mails: Type.Integer(),
      entries: Type.Integer(),
      failedMails: Type.Integer(),
    }),
  ),
});

/** Reminder e-mails to provider accounts about overdue entries (planners and admins): status and sending. */
export function serviceReminderRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['Angebote'];
    const mailer = ctx.config.smtp ? smtpMailer(ctx.config.smtp) : null;
    if (mailer) app.addHook('onClose', () => mailer.close());

    app.get(
      '/api/tenants/:tenantKey/service-reminders',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary:
            'Erinnerungen an Anbieter: E-Mail-Server eingerichtet?, überfällige Einträge mit/ohne Anbieter-Konto, letzter Lauf',
          params: TenantParams,
          response: withProblems({ 200: StatusSchema }),
        },
      },
      async (request) =>
        getReminderStatus(
          {
            stores: reminderStores(ctx.db),
            smtpConfigured: mailer !== null,
            intervalDays: ctx.config.reminderIntervalDays,
            clock: ctx.clock,
          },
          request.actor,
          request.params,
        ),
    );

    app.post(
      '/api/tenants/:tenantKey/service-reminders',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Erinnerungen jetzt senden: je Anbieter-Konto eine E-Mail mit seinen überfälligen Angeboten',
          params: TenantParams,
          response: withProblems({ 200: ResultSchema }, [400, 401, 403, 404, 409, 502]),
        },
      },
      async (request, reply) => {
        const result = await runReminders({ ...ctx, mailer }, request.actor, request.params.tenantKey);
        if (result.failedMails > 0) {
          request.log.warn({ failedMails: result.failedMails, mails: result.mails }, 'Erinnerungen teilweise nicht versendet');
          return sendProblem(
            reply,
            request,
            problem(502, 'smtp-failed', describeFailedRun(result), { title: 'E-Mail-Server-Fehler' }),
          );
        }
        return result;
      },
    );
  };
}

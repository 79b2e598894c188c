import { describe, expect, it } from 'vitest';
import { planReminders, reminderMail, type OverdueEntry, type ReminderAccount } from './reminders.ts';

const overdue: OverdueEntry[] = [
  { id: 's1', name: 'Jugendclub Nord', organizationId: 'jr', assuredDate: '2025-06-30' },
  { id: 's2', name: 'Ferienfreizeit', organizationId: 'jr', assuredDate: null },
  { id: 's3', name: 'Kita Sonnenschein', organizationId: 'kw', assuredDate: '2024-01-15' },
  { id: 's4', name: 'Seniorentreff', organizationId: 'sw', assuredDate: null },
];
const andi: ReminderAccount = { userId: 'u1', email: 'andi@example.org', displayName: 'Andi', organizationIds: ['jr'] };
const kim: ReminderAccount = { userId: 'u2', email: 'kim@example.org', displayName: 'Kim', organizationIds: ['jr', 'kw'] };

describe('planReminders', () => {
  it('gives every provider account one mail with its organisations’ overdue entries and counts entries without provider', () => {
    const plan = planReminders({ overdue, accounts: [kim, andi], lastReminders: [], today: '2026-11-24', intervalDays: 7 });
    expect(plan.mails.map((m) => [m.account.userId, m.entries.map((e) => e.id)])).toEqual([
      ['u1', ['s1', 's2']],
      ['u2', ['s1', 's2', 's3']],
    ]);
    expect(plan).toMatchObject({ overdue: 4, overdueWithProvider: 3, overdueWithoutProvider: 1 });
  });

  it('skips entries reminded within the interval; a reminder exactly the interval ago is due again', () => {
    const lastReminders = [
      { serviceId: 's1', userId: 'u1', day: '2026-11-18' },
      { serviceId: 's2', userId: 'u1', day: '2026-11-17' },
    ];
    const plan = planReminders({ overdue, accounts: [andi], lastReminders, today: '2026-11-24', intervalDays: 7 });
    expect(plan.mails.map((m) => m.entries.map((e) => e.id))).toEqual([['s2']]);
    const none = planReminders({
      overdue,
      accounts: [andi],
      lastReminders: [lastReminders[0]!, { serviceId: 's2', userId: 'u1', day: '2026-11-24' }],
      today: '2026-11-24',
      intervalDays: 7,
    });
    expect(none.mails).toEqual([]);
  });
});

describe('reminderMail', () => {
  it('writes a German mail grouped by organisation with the last check and the register link', () => {
    const plan = planReminders({ overdue, accounts: [kim], lastReminders: [], today: '2026-11-24', intervalDays: 7 });
    const mail = reminderMail({
      reminder: plan.mails[0]!,
      tenantName: 'Landkreis Musterland',
      organizationNames: new Map([
        ['jr', 'Jugendring Musterland e. V.'],
        ['kw', 'Kinderwelt Musterland gGmbH'],
      ]),
      maxAgeDays: 365,
      intervalDays: 7,
      registerUrl: 'https://planwerk.example/angebote/register',
    });
    expect(mail.subject).toBe('Bitte prüfen: 3 Angebote im Angebotsverzeichnis Landkreis Musterland');
    expect(mail.text).toBe(
      [
        'Guten Tag Kim,',
        '',
        'im Angebotsverzeichnis Landkreis Musterland wurden diese 3 Angebote seit mehr als 365 Tagen nicht geprüft:',
        '',
        'Jugendring Musterland e. V.',
        '- Ferienfreizeit (noch nie geprüft)',
        '- Jugendclub Nord (zuletzt geprüft am 30.06.2025)',
        '',
        'Kinderwelt Musterland gGmbH',
        '- Kita Sonnenschein (zuletzt geprüft am 15.01.2024)',
        '',
        'Bitte sehen Sie die Angaben durch und bestätigen oder ändern Sie sie hier:',
        'https://planwerk.example/angebote/register',
        '',
        'Solange ein Angebot überfällig ist, erinnern wir Sie höchstens alle 7 Tage daran.',
        '',
        'Diese Nachricht hat Planwerk im Auftrag von Landkreis Musterland automatisch versendet.',
        '',
      ].join('\n'),
    );
  });
});

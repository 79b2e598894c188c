/** Sending e-mail reminders to providers of overdue entries — placeholder, being built. */
export function ReminderPanel({ tenantKey }: { tenantKey: string }) {
  void tenantKey;
  return null;
}

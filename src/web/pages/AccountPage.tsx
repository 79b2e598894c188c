import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, fieldErrors } from '../api.ts';
import { Field, FormAlert } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { useSession } from '../session.tsx';

type PasswordErrors = { current?: string; next?: string; repeat?: string };

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSuccess(null);
    const found: PasswordErrors = {};
    if (!current) found.current = t('account.password.currentMissing');
    if (!next) found.next = t('account.password.newMissing');
    if (next && repeat !== next) found.repeat = t('account.password.mismatch');
    setErrors(found);
    if (found.current || found.next || found.repeat) {
      setError(t('account.password.checkInput'));
      const first = found.current ? 'passwort-aktuell' : found.next ? 'passwort-neu' : 'passwort-wiederholen';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setSuccess(t('account.password.changed', { count: result.endedOtherSessions }));
    } catch (err) {
      const fields = fieldErrors(err);
      setErrors({
        ...(fields.currentPassword ? { current: fields.currentPassword } : {}),
        ...(fields.newPassword || fields.password ? { next: fields.newPassword ?? fields.password } : {}),
      });
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passwort-titel" className="card">
      <h2 id="passwort-titel">{t('account.password.title')}</h2>
      <p>{t('account.password.intro')}</p>
      <FormAlert id="passwort-fehler" message={error} />
      <div role="status" className={success ? 'alert alert-success' : 'alert-empty'}>
        {success}
      </div>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id="passwort-aktuell"
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.current}
        />
        <Field
          id="passwort-neu"
          label={t('account.password.new')}
          hint={t('account.password.hint')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors.next}
        />
        <Field
          id="passwort-wiederholen"
          label={t('account.password.repeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}

function LogOutEverywhere() {
  const { t } = useTranslation();
  const { logOutEverywhere } = useSession();
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="geraete-titel" className="card">
      <h2 id="geraete-titel">{t('account.sessions.title')}</h2>
      <p>{t('account.sessions.text')}</p>
      <FormAlert id="geraete-fehler" message={error} />
      <button
        type="button"
        className="button"
        onClick={() => {
          setError(null);
          logOutEverywhere().catch((err: unknown) => setError(errorMessage(err)));
        }}
      >
        {t('account.sessions.button')}
      </button>
    </section>
  );
}

/** The signed-in user's account: memberships, password change, log out on all devices. */
export default function AccountPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session?.user;
  if (!user) return null;
  return (
    <Page title={t('account.title')}>
      <dl className="facts">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{user.displayName}</dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>

      <section>
        <h2 id="mitgliedschaften-titel">{t('account.memberships.title')}</h2>
        {user.memberships.length === 0 ? (
          <p>{t('account.memberships.none')}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="mitgliedschaften-titel" tabIndex={0}>
            <table>
              <caption className="visually-hidden">{t('account.memberships.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('account.memberships.tenant')}</th>
                  <th scope="col">{t('account.memberships.kind')}</th>
                  <th scope="col">{t('account.memberships.role')}</th>
                </tr>
              </thead>
              <tbody>
                {user.memberships.map((m) => (
                  <tr key={m.tenantKey}>
                    <td>
                      {m.tenantName} <span className="muted">({m.tenantKey})</span>
                    </td>
                    <td>{t(`tenantKinds.${m.tenantKind}`, { defaultValue: m.tenantKind })}</td>
                    <td>{t(`roles.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="card-grid">
        <PasswordForm />
        <LogOutEverywhere />
      </div>
    </Page>
  );
}

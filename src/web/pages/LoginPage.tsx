import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { Field, FormAlert } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { safeReturnPath, useSession } from '../session.tsx';

/** Login with e-mail address and password; afterwards back to `?weiter=` or the start page. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { session, notice, logIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing: { email?: string; password?: string } = {};
    if (!email.trim()) missing.email = t('login.emailMissing');
    if (!password) missing.password = t('login.passwordMissing');
    setFieldErrors(missing);
    if (missing.email || missing.password) {
      setError(t('login.incomplete'));
      document.getElementById(missing.email ? 'login-email' : 'login-passwort')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await logIn(email.trim(), password);
      navigate(safeReturnPath(params.get('weiter')), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  const user = session?.user;
  return (
    <Page title={t('login.title')} className="narrow">
      {notice === 'expired' && (
        <div className="alert alert-warning" role="alert">
          {t('session.expired')}
        </div>
      )}
      {notice === 'loggedOut' && (
        <div className="alert alert-success" role="status">
          {t('session.loggedOut')}
        </div>
      )}
      {notice === 'loggedOutEverywhere' && (
        <div className="alert alert-success" role="status">
          {t('session.loggedOutEverywhere')}
        </div>
      )}
      {user && !busy && (
        <p className="alert alert-info">
          {t('login.alreadySignedIn', { name: user.displayName })} <Link to="/">{t('login.toStart')}</Link>
        </p>
      )}
      <FormAlert id="login-fehler" message={error} />
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          aria-describedby={error && !fieldErrors.email ? 'login-fehler' : undefined}
        />
        <Field
          id="login-passwort"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          aria-describedby={error && !fieldErrors.password ? 'login-fehler' : undefined}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p className="form-note">{t('login.help')}</p>
    </Page>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  api,
  errorMessage,
  fieldErrors,
  ROLES,
  type AddMemberResult,
  type AuditEntry,
  type Member,
  type Membership,
  type Role,
} from '../api.ts';
import { Field, FormAlert } from '../components/Field.tsx';
import { Loading, Page } from '../components/Page.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useSession } from '../session.tsx';

const AUDIT_PAGE_SIZE = 25;

type Feedback = { kind: 'success' | 'error'; text: string } | null;

function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </>
  );
}

function MemberRow({
  member,
  tenantKey,
  isSelf,
  onChanged,
  onRemoved,
  onFeedback,
}: {
  member: Member;
  tenantKey: string;
  isSelf: boolean;
  onChanged(): void;
  onRemoved(): void;
  onFeedback(feedback: Feedback): void;
}) {
  const { t, i18n } = useTranslation();
  const [role, setRole] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function saveRole() {
    if (busy) return;
    setBusy(true);
    onFeedback(null);
    try {
      await api.changeRole(tenantKey, member.userId, role);
      onFeedback({ kind: 'success', text: t('admin.members.roleChanged', { email: member.email, role: t(`roles.${role}`) }) });
      onChanged();
    } catch (err) {
      onFeedback({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (busy) return;
    setBusy(true);
    onFeedback(null);
    try {
      await api.removeMember(tenantKey, member.userId);
      onFeedback({ kind: 'success', text: t('admin.members.removed', { email: member.email }) });
      onRemoved();
    } catch (err) {
      onFeedback({ kind: 'error', text: errorMessage(err) });
      setConfirming(false);
      setBusy(false);
    }
  }

  const selectId = `rolle-${member.userId}`;
  return (
    <tr>
      <td className="cell-email">{member.email}</td>
      <td>
        {member.displayName}
        {isSelf && <span className="muted"> {t('admin.members.you')}</span>}
      </td>
      <td>
        <div className="inline-form">
          <label className="visually-hidden" htmlFor={selectId}>
            {t('admin.members.roleOf', { email: member.email })}
          </label>
          <select id={selectId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <RoleOptions />
          </select>
          <button type="button" className="button button-small" onClick={() => void saveRole()}>
            {t('admin.members.saveRole')}
            <span className="visually-hidden"> {t('admin.members.forEmail', { email: member.email })}</span>
          </button>
        </div>
      </td>
      <td>
        <time dateTime={member.since}>{formatDate(member.since, i18n.language)}</time>
      </td>
      <td>
        {confirming ? (
          <div className="confirm" role="group" aria-label={t('admin.members.confirmLabel', { email: member.email })}>
            <span>{t('admin.members.confirmQuestion', { email: member.email })}</span>
            <button ref={confirmButton} type="button" className="button button-small button-danger" onClick={() => void remove()}>
              {t('admin.members.confirmYes')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('admin.members.confirmNo')}
            </button>
          </div>
        ) : (
          <button ref={removeButton} type="button" className="button button-small" onClick={() => setConfirming(true)}>
            {t('admin.members.remove')}
            <span className="visually-hidden"> {t('admin.members.forEmail', { email: member.email })}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function MembersSection({
  tenantKey,
  selfId,
  reloadToken,
  onChanged,
}: {
  tenantKey: string;
  selfId: string;
  reloadToken: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let active = true;
    api
      .members(tenantKey)
      .then((list) => {
        if (!active) return;
        setMembers(list);
        setLoadError(null);
      })
      .catch((err: unknown) => {
        if (active) setLoadError(errorMessage(err));
      });
    return () => {
      active = false;
    };
  }, [tenantKey, reloadToken]);

  return (
    <section>
      <h2 id="mitglieder-titel" ref={heading} tabIndex={-1}>
        {t('admin.members.title')}
      </h2>
      <div role="status" className={feedback?.kind === 'success' ? 'alert alert-success' : 'alert-empty'}>
        {feedback?.kind === 'success' ? feedback.text : null}
      </div>
      <FormAlert id="mitglieder-fehler" message={feedback?.kind === 'error' ? feedback.text : loadError} />
      {members === null ? (
        !loadError && <Loading />
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="mitglieder-titel" tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('admin.members.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.members.email')}</th>
                <th scope="col">{t('admin.members.name')}</th>
                <th scope="col">{t('admin.members.role')}</th>
                <th scope="col">{t('admin.members.since')}</th>
                <th scope="col">{t('admin.members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  tenantKey={tenantKey}
                  isSelf={member.userId === selfId}
                  onChanged={onChanged}
                  onRemoved={() => {
                    heading.current?.focus();
                    onChanged();
                  }}
                  onFeedback={setFeedback}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AddMemberForm({ tenantKey, onAdded }: { tenantKey: string; onAdded(): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<AddMemberResult | null>(null);
  const [busy, setBusy] = useState(false);
  const resultBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultBox.current?.focus();
  }, [result]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setResult(null);
    if (!email.trim()) {
      setErrors({ email: t('admin.add.emailMissing') });
      setError(t('admin.add.checkInput'));
      document.getElementById('neu-email')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const added = await api.addMember(tenantKey, {
        email: email.trim(),
        role,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      });
      setResult(added);
      setEmail('');
      setDisplayName('');
      setRole('viewer');
      onAdded();
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="hinzufuegen-titel" className="card">
      <h2 id="hinzufuegen-titel">{t('admin.add.title')}</h2>
      <p>{t('admin.add.intro')}</p>
      {result && (
        <div className="alert alert-success result-box" role="status" tabIndex={-1} ref={resultBox}>
          <p>{t('admin.add.added', { email: result.email, role: t(`roles.${result.role}`) })}</p>
          {result.generatedPassword ? (
            <>
              <p className="one-time-password">
                <span id="einmalpasswort-label">{t('admin.add.passwordLabel')}</span>{' '}
                <code className="password-value">{result.generatedPassword}</code>
              </p>
              <p>{t('admin.add.passwordHint')}</p>
            </>
          ) : (
            <p>{t('admin.add.existingAccount')}</p>
          )}
          <button type="button" className="button button-small" onClick={() => setResult(null)}>
            {t('admin.add.dismiss')}
          </button>
        </div>
      )}
      <FormAlert id="hinzufuegen-fehler" message={error} />
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id="neu-email"
          label={t('admin.add.email')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <Field
          id="neu-name"
          label={t('admin.add.name')}
          hint={t('admin.add.nameHint')}
          type="text"
          autoComplete="off"
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
        />
        <div className="field">
          <label htmlFor="neu-rolle">{t('admin.add.role')}</label>
          <select id="neu-rolle" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <RoleOptions />
          </select>
        </div>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {t('admin.add.submit')}
        </button>
      </form>
    </section>
  );
}

function snapshotLines(snapshot: Record<string, unknown> | null, t: TFunction): string[] {
  if (!snapshot) return [];
  return Object.entries(snapshot).map(([key, value]) => {
    const label = t(`audit.fields.${key}`, { defaultValue: key });
    let text: string;
    if (key === 'role' && typeof value === 'string') text = t(`roles.${value}`, { defaultValue: value });
    else if (key === 'kind' && typeof value === 'string') text = t(`tenantKinds.${value}`, { defaultValue: value });
    else if (value === null || value === undefined) text = '–';
    else if (typeof value === 'object') text = JSON.stringify(value);
    else text = String(value);
    return `${label}: ${text}`;
  });
}

function Snapshot({ value }: { value: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const lines = snapshotLines(value, t);
  if (lines.length === 0)
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('audit.empty')}</span>
      </>
    );
  return (
    <ul className="snapshot">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function objectLabel(entry: AuditEntry, t: TFunction): string {
  const type = t(`audit.entities.${entry.entityType}`, { defaultValue: entry.entityType });
  const email = (entry.after?.email ?? entry.before?.email) as unknown;
  return `${type} ${typeof email === 'string' ? email : entry.entityId}`;
}

function AuditSection({ tenantKey, reloadToken }: { tenantKey: string; reloadToken: number }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let active = true;
    api
      .audit(tenantKey, { limit: AUDIT_PAGE_SIZE })
      .then((list) => {
        if (!active) return;
        setEntries(list);
        setHasMore(list.length === AUDIT_PAGE_SIZE);
        setError(null);
      })
      .catch((err: unknown) => {
        if (active) setError(errorMessage(err));
      });
    return () => {
      active = false;
    };
  }, [tenantKey, reloadToken]);

  async function loadOlder() {
    if (!entries || entries.length === 0 || loadingMore) return;
    const lowest = entries.reduce((min, e) => (Number(e.id) < Number(min) ? e.id : min), entries[0]!.id);
    setLoadingMore(true);
    try {
      const older = await api.audit(tenantKey, { limit: AUDIT_PAGE_SIZE, before: lowest });
      setEntries([...entries, ...older]);
      setHasMore(older.length === AUDIT_PAGE_SIZE);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section>
      <h2 id="protokoll-titel">{t('audit.title')}</h2>
      <p>{t('audit.intro')}</p>
      <FormAlert id="protokoll-fehler" message={error} />
      {entries === null ? (
        !error && <Loading />
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="protokoll-titel" tabIndex={0}>
          <table className="audit-table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.before')}</th>
                <th scope="col">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="cell-nowrap">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                  </td>
                  <td className="cell-email">{entry.actorLabel}</td>
                  <td>{t(`audit.actions.${entry.action.replace(/\./g, '_')}`, { defaultValue: entry.action })}</td>
                  <td className="cell-email">{objectLabel(entry, t)}</td>
                  <td>
                    <Snapshot value={entry.before} />
                  </td>
                  <td>
                    <Snapshot value={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMore && (
        <button type="button" className="button" onClick={() => void loadOlder()} aria-disabled={loadingMore}>
          {t('audit.loadOlder')}
        </button>
      )}
    </section>
  );
}

function TenantAdministration({ tenant, selfId }: { tenant: Membership; selfId: string }) {
  const [reloadToken, setReloadToken] = useState(0);
  const changed = () => setReloadToken((n) => n + 1);
  return (
    <>
      <MembersSection tenantKey={tenant.tenantKey} selfId={selfId} reloadToken={reloadToken} onChanged={changed} />
      <AddMemberForm tenantKey={tenant.tenantKey} onAdded={changed} />
      <AuditSection tenantKey={tenant.tenantKey} reloadToken={reloadToken} />
    </>
  );
}

/** Administration of the tenants where the user is admin: members, roles, audit log. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session?.user;
  const adminOf = user?.memberships.filter((m) => m.role === 'admin') ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  if (!user) return null;
  const tenant = adminOf.find((m) => m.tenantKey === selected) ?? adminOf[0];

  return (
    <Page title={t('admin.title')}>
      {!tenant ? (
        <p>{t('admin.noAdminRole')}</p>
      ) : (
        <>
          {adminOf.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor="verwaltung-gk">{t('admin.tenant')}</label>
              <select id="verwaltung-gk" value={tenant.tenantKey} onChange={(event) => setSelected(event.target.value)}>
                {adminOf.map((m) => (
                  <option key={m.tenantKey} value={m.tenantKey}>
                    {m.tenantName} ({m.tenantKey})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="lead">
              {t('admin.tenant')}: <strong>{tenant.tenantName}</strong> ({tenant.tenantKey})
            </p>
          )}
          <TenantAdministration key={tenant.tenantKey} tenant={tenant} selfId={user.id} />
        </>
      )}
    </Page>
  );
}

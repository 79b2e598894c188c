import type { ReactNode } from 'react';

/** Id of the input of a form field (dots of nested keys like `schedules.1.opensAt` become dashes). */
export const fieldId = (prefix: string, key: string) => `${prefix}-f-${key.replace(/\./g, '-')}`;

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(' ') || undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-fehler`}>
          {error}
        </p>
      )}
    </>
  );
}

interface Common {
  id: string;
  label: ReactNode;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

/** A labelled multi-line text input with hint and error linked via aria-describedby. */
export function TextArea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 4,
  maxLength,
}: Common & { value: string; onChange(value: string): void; rows?: number; maxLength?: number }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        className="register-textarea"
        value={value}
        rows={rows}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

/** A labelled select with hint and error. */
export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  children,
  required,
}: Common & { value: string; onChange(value: string): void; children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
      <select
        id={id}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
    </div>
  );
}

/** A checkbox with its label to the right and an optional hint below. */
export function CheckField({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: string | undefined;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="register-check">
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hint ? `${id}-hinweis` : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field-hint register-check-hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      )}
    </div>
  );
}

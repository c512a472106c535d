'use client';

import { type FormEvent, useState } from 'react';
import { ApiError, sendJson } from '@/lib/api-client';
import { safeNext } from '@/lib/auth-paths';
import { ui } from '@/lib/ui';

export interface AuthField {
  name: 'email' | 'password' | 'workspaceName';
  label: string;
  type: 'email' | 'password' | 'text';
  autoComplete: string;
  required: boolean;
  hint?: string;
}

interface AuthFormProps {
  /** The API route under /api/auth that the form posts to. */
  action: string;
  fields: AuthField[];
  submitLabel: string;
  /** Extra values posted with the form (an invite or reset token). */
  extra?: Record<string, string>;
  /** Where to go after success; else the message below is shown in place of the form. */
  next?: string | null;
  successMessage?: string;
}

/**
 * The sign-in, sign-up, reset and join forms: labelled inputs, errors under the field they are about,
 * a full page load on success so every page sees the new session.
 */
export function AuthForm({ action, fields, submitLabel, extra = {}, next, successMessage }: AuthFormProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    setSending(true);
    try {
      const answer = await sendJson<{ message?: string }>('POST', `/api/auth/${action}`, { ...values, ...extra });
      if (successMessage !== undefined || next === undefined) {
        setDone(successMessage ?? answer?.message ?? 'Done.');
        return;
      }
      window.location.assign(safeNext(next));
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
        setErrors(failure.fields);
        const first = fields.find((field) => failure.fields[field.name]);
        if (first) document.getElementById(`auth-${first.name}`)?.focus();
      } else {
        setFormError(failure instanceof Error ? failure.message : String(failure));
      }
    } finally {
      setSending(false);
    }
  }

  if (done) {
    return (
      <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        {done}
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError && (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
          {formError}
        </p>
      )}
      {fields.map((field) => {
        const id = `auth-${field.name}`;
        const error = errors[field.name];
        const describedBy = [error && `${id}-error`, field.hint && `${id}-hint`].filter(Boolean).join(' ');
        return (
          <div key={field.name}>
            <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-900">
              {field.label}
            </label>
            <input
              id={id}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required={field.required}
              value={values[field.name] ?? ''}
              onChange={(event) => setValues((old) => ({ ...old, [field.name]: event.target.value }))}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
              className={ui.input}
            />
            {error && (
              <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
                {error}
              </p>
            )}
            {field.hint && (
              <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
                {field.hint}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" className={`${ui.primaryButton} w-full`} disabled={sending}>
        {sending ? 'Please wait…' : submitLabel}
      </button>
    </form>
  );
}

'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { FieldValue } from '@/components/field-control';
import { FormField } from '@/components/form-field';
import { ApiError, sendJson } from '@/lib/api-client';
import { fieldId, recordHref } from '@/lib/display';
import { type EntityName, entities } from '@/lib/entities';
import type { EntityDef, Row } from '@/lib/entity-types';
import { formBody, inputValue } from '@/lib/format';
import { ui } from '@/lib/ui';
import { validateInput } from '@/lib/validation';

type Values = Record<string, FieldValue>;

function initialValues(entity: EntityDef, record?: Row): Values {
  return Object.fromEntries(
    entity.fields.map((field) => [
      field.name,
      field.type === 'boolean' ? record?.[field.name] === true : inputValue(field, record?.[field.name]),
    ]),
  );
}

/** Messages from validateInput and the API read "is required"; shown under the field as "Name is required". */
const sentence = (label: string, message: string) =>
  /^[a-z]/.test(message) ? `${label} ${message}` : message;

/**
 * Creates a record (`POST /api/<route>`) or, given `record`, edits it (`PUT /api/<route>/<id>`). The
 * browser runs the API's own validation first; the server's answer per field is shown the same way.
 */
export function EntityForm({ name, record }: { name: EntityName; record?: Row }) {
  const entity = entities[name];
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => initialValues(entity, record));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cancelHref = record ? recordHref(entity, record.id) : `/${entity.route}`;

  function showErrors(found: Record<string, string>) {
    setErrors(found);
    const first = entity.fields.find((field) => found[field.name]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const body = formBody(entity.fields, (field) => values[field] ?? null);
    const checked = validateInput(entity, body, false);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = record
        ? await sendJson<Row>('PUT', `/api/${entity.route}/${record.id}`, body)
        : await sendJson<Row>('POST', `/api/${entity.route}`, body);
      router.push(recordHref(entity, saved.id));
    } catch (failure) {
      setSaving(false);
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) showErrors(failure.fields);
      setFormError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  const unplaced = Object.entries(errors).filter(
    ([key]) => !entity.fields.some((field) => field.name === key),
  );

  return (
    <form noValidate onSubmit={submit} className={`${ui.card} max-w-2xl`}>
      <div className="space-y-6 p-6">
        {(formError || unplaced.length > 0) && (
          <div
            role="alert"
            className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
          >
            <p className="font-semibold">The {entity.label.toLowerCase()} was not saved.</p>
            {formError && formError !== 'invalid input' && <p>{formError}</p>}
            {formError === 'invalid input' && <p>Check the fields marked below.</p>}
            {unplaced.map(([key, message]) => (
              <p key={key}>{message}</p>
            ))}
          </div>
        )}
        {entity.fields.map((field) => (
          <FormField
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name] && sentence(field.label, errors[field.name])}
            currentLabel={record?._labels?.[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
      </div>
      <div className="flex items-center justify-end gap-3 rounded-b-xl border-t border-slate-200 bg-slate-50 px-6 py-4">
        <Link href={cancelHref} className={ui.secondaryButton}>
          Cancel
        </Link>
        <button type="submit" className={ui.primaryButton} disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

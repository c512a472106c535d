'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { EntityDef, FieldDef } from '../lib/entity-types';

const INPUT_TYPES: Record<string, string> = {
  string: 'text',
  integer: 'number',
  number: 'number',
  date: 'date',
  datetime: 'datetime-local',
  email: 'email',
  url: 'url',
};

function Field({ field }: { field: FieldDef }) {
  if (field.type === 'text') return <textarea id={field.name} name={field.name} required={field.required} />;
  if (field.type === 'boolean') return <input id={field.name} name={field.name} type="checkbox" value="true" />;
  if (field.type === 'enum') {
    return (
      <select id={field.name} name={field.name} required={field.required}>
        {!field.required && <option value="">—</option>}
        {(field.enumValues ?? []).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={field.name}
      name={field.name}
      type={INPUT_TYPES[field.type] ?? 'text'}
      step={field.type === 'number' ? 'any' : undefined}
      required={field.required}
    />
  );
}

/** A form that creates one row through the entity's API route. */
export function EntityForm({ entity }: { entity: EntityDef }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body: Record<string, unknown> = {};
    for (const field of entity.fields) {
      body[field.name] = field.type === 'boolean' ? data.get(field.name) === 'true' : data.get(field.name);
    }
    const response = await fetch(`/api/${entity.route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) return router.push(`/${entity.route}`);
    const failure = await response.json().catch(() => ({}));
    setErrors(failure.fields ?? { _: failure.error ?? response.statusText });
  }

  return (
    <form onSubmit={submit}>
      <h1>New {entity.label.toLowerCase()}</h1>
      {errors._ && <p role="alert">{errors._}</p>}
      {entity.fields.map((field) => (
        <p key={field.name}>
          <label htmlFor={field.name}>{field.label}</label>
          <Field field={field} />
          {errors[field.name] && <small role="alert">{errors[field.name]}</small>}
        </p>
      ))}
      <button type="submit">Save</button>
    </form>
  );
}

import { type H3Event, readBody, setResponseStatus } from 'h3';
import type { EntityDef } from '../../lib/entity-types';
import { validateInput } from '../../lib/validation';
import { deleteRow, getRow, insertRow, listRows, updateRow } from './crud';
import { isUnavailable } from './db';

function reply(event: H3Event, status: number, body: unknown) {
  setResponseStatus(event, status);
  return body;
}

function failure(event: H3Event, error: unknown) {
  if (isUnavailable(error)) return reply(event, 503, { error: 'database unavailable' });
  console.error(error);
  return reply(event, 500, { error: 'internal error' });
}

function parseId(raw: string | undefined): number | null {
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

async function body(event: H3Event): Promise<unknown> {
  try {
    return await readBody(event);
  } catch {
    return undefined;
  }
}

export async function listResponse(event: H3Event, entity: EntityDef) {
  try {
    return await listRows(entity);
  } catch (error) {
    return failure(event, error);
  }
}

export async function createResponse(event: H3Event, entity: EntityDef) {
  const checked = validateInput(entity, await body(event), false);
  if (!checked.ok) return reply(event, 400, { error: 'invalid input', fields: checked.errors });
  try {
    return reply(event, 201, await insertRow(entity, checked.values));
  } catch (error) {
    return failure(event, error);
  }
}

export async function getResponse(event: H3Event, entity: EntityDef, rawId: string | undefined) {
  const id = parseId(rawId);
  if (id === null) return reply(event, 404, { error: 'not found' });
  try {
    return (await getRow(entity, id)) ?? reply(event, 404, { error: 'not found' });
  } catch (error) {
    return failure(event, error);
  }
}

export async function updateResponse(event: H3Event, entity: EntityDef, rawId: string | undefined) {
  const id = parseId(rawId);
  if (id === null) return reply(event, 404, { error: 'not found' });
  const checked = validateInput(entity, await body(event), true);
  if (!checked.ok) return reply(event, 400, { error: 'invalid input', fields: checked.errors });
  try {
    return (await updateRow(entity, id, checked.values)) ?? reply(event, 404, { error: 'not found' });
  } catch (error) {
    return failure(event, error);
  }
}

export async function deleteResponse(event: H3Event, entity: EntityDef, rawId: string | undefined) {
  const id = parseId(rawId);
  if (id === null) return reply(event, 404, { error: 'not found' });
  try {
    return (await deleteRow(entity, id)) ? reply(event, 204, null) : reply(event, 404, { error: 'not found' });
  } catch (error) {
    return failure(event, error);
  }
}

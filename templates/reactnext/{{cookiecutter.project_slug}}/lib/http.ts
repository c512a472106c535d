import { NextResponse } from 'next/server';
import { deleteRow, getRow, insertRow, listRows, updateRow } from './crud';
import { isUnavailable } from './db';
import type { EntityDef } from './entity-types';
import { validateInput } from './validation';

const json = (body: unknown, status = 200) => NextResponse.json(body, { status });

function failure(error: unknown) {
  if (isUnavailable(error)) return json({ error: 'database unavailable' }, 503);
  console.error(error);
  return json({ error: 'internal error' }, 500);
}

function parseId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

async function readBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

export async function listResponse(entity: EntityDef) {
  try {
    return json(await listRows(entity));
  } catch (error) {
    return failure(error);
  }
}

export async function createResponse(entity: EntityDef, request: Request) {
  const checked = validateInput(entity, await readBody(request), false);
  if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
  try {
    return json(await insertRow(entity, checked.values), 201);
  } catch (error) {
    return failure(error);
  }
}

export async function getResponse(entity: EntityDef, rawId: string) {
  const id = parseId(rawId);
  if (id === null) return json({ error: 'not found' }, 404);
  try {
    const row = await getRow(entity, id);
    return row ? json(row) : json({ error: 'not found' }, 404);
  } catch (error) {
    return failure(error);
  }
}

export async function updateResponse(entity: EntityDef, rawId: string, request: Request) {
  const id = parseId(rawId);
  if (id === null) return json({ error: 'not found' }, 404);
  const checked = validateInput(entity, await readBody(request), true);
  if (!checked.ok) return json({ error: 'invalid input', fields: checked.errors }, 400);
  try {
    const row = await updateRow(entity, id, checked.values);
    return row ? json(row) : json({ error: 'not found' }, 404);
  } catch (error) {
    return failure(error);
  }
}

export async function deleteResponse(entity: EntityDef, rawId: string) {
  const id = parseId(rawId);
  if (id === null) return json({ error: 'not found' }, 404);
  try {
    return (await deleteRow(entity, id)) ? new NextResponse(null, { status: 204 }) : json({ error: 'not found' }, 404);
  } catch (error) {
    return failure(error);
  }
}

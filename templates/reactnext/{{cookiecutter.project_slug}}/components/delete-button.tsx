'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@/lib/api-client';
import type { EntityDef } from '@/lib/entity-types';
import { ui } from '@/lib/ui';

interface DeleteButtonProps {
  entity: EntityDef;
  id: number;
  title: string;
  /** Why the delete failed (a 409 while other records need this one), or null when it is retried. */
  onError: (message: string | null) => void;
}

/** Deletes the record after the browser's confirm dialog, then returns to the list. */
export function DeleteButton({ entity, id, title, onError }: DeleteButtonProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function remove() {
    if (!window.confirm(`Delete ${entity.label.toLowerCase()} “${title}”? This cannot be undone.`)) return;
    setBusy(true);
    onError(null);
    try {
      await sendJson<void>('DELETE', `/api/${entity.route}/${id}`);
      router.push(`/${entity.route}`);
    } catch (failure) {
      setBusy(false);
      onError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <button type="button" className={ui.dangerButton} disabled={busy} onClick={remove}>
      {busy ? 'Deleting…' : 'Delete'}
    </button>
  );
}

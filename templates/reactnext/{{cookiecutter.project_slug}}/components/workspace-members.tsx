'use client';

import { useState } from 'react';
import { Notice } from '@/components/notice';
import { sendJson } from '@/lib/api-client';
import { ui } from '@/lib/ui';
import { useJson } from '@/lib/use-json';

interface Member {
  id: number;
  email: string;
  role: 'owner' | 'member';
}

/** The members of the workspace; an owner makes invite links and removes members. */
export function WorkspaceMembers({ isOwner, myId }: { isOwner: boolean; myId: number }) {
  const members = useJson<{ items: Member[] }>('/api/auth/members');
  const [invite, setInvite] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<void>) {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }
  const createInvite = () => run(async () => setInvite(await sendJson('POST', '/api/auth/invites')));
  const remove = (member: Member) =>
    run(async () => {
      if (!window.confirm(`Remove ${member.email} from this workspace?`)) return;
      await sendJson('DELETE', `/api/auth/members/${member.id}`);
      members.reload();
    });

  if (members.error) return <Notice tone="error" title="The members could not be loaded">{members.error}</Notice>;
  return (
    <div className="space-y-6">
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <section aria-labelledby="members-heading" className={`${ui.card} p-6`}>
        <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
          Members
        </h2>
        <ul className="mt-4 divide-y divide-slate-200">
          {(members.data?.items ?? []).map((member) => (
            <li key={member.id} className="flex items-center justify-between gap-4 py-3">
              <span className="min-w-0 truncate text-sm text-slate-900">
                {member.email}
                {member.id === myId && <span className="text-slate-600"> (you)</span>}
              </span>
              <span className="flex items-center gap-3">
                <span className={`${ui.badge} bg-slate-100 text-slate-700`}>{member.role}</span>
                {isOwner && member.id !== myId && (
                  <button type="button" className={ui.dangerButton} onClick={() => remove(member)}>
                    Remove
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {isOwner && (
        <section aria-labelledby="invite-heading" className={`${ui.card} p-6`}>
          <h2 id="invite-heading" className="text-lg font-semibold text-slate-900">
            Invite someone
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            A link works once, for one person, for 7 days. Send it to them yourself.
          </p>
          <button type="button" className={`${ui.primaryButton} mt-4`} onClick={createInvite}>
            Create invite link
          </button>
          {invite && (
            <div className="mt-4">
              <label htmlFor="invite-link" className="mb-1 block text-sm font-medium text-slate-900">
                Invite link
              </label>
              <input id="invite-link" readOnly value={invite.url} className={ui.input} onFocus={(e) => e.target.select()} />
              <p className="mt-1 text-sm text-slate-600">Valid until {new Date(invite.expiresAt).toLocaleString()}.</p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

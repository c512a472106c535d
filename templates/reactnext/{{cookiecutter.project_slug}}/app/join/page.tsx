import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth-card';
import { authFields } from '@/components/auth-fields';
import { AuthForm } from '@/components/auth-form';
import { Notice } from '@/components/notice';
import { currentSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Join a workspace' };

type Search = Promise<{ token?: string }>;

/** An invite link lands here: a new person creates an account in the workspace, a signed-in one joins it. */
export default async function JoinPage({ searchParams }: { searchParams: Search }) {
  const { token } = await searchParams;
  if (!token) return <Notice title="This invite link is incomplete">Ask the workspace owner for a new link.</Notice>;
  const session = await currentSession();
  return (
    <AuthCard
      title="Join a workspace"
      intro={session ? `You are signed in as ${session.email}; join with this account.` : 'Create your account to join the workspace that invited you.'}
    >
      <AuthForm
        action="join"
        fields={session ? [] : [authFields.email, authFields.newPassword]}
        extra={{ token }}
        submitLabel="Join workspace"
        next="/dashboard"
      />
    </AuthCard>
  );
}

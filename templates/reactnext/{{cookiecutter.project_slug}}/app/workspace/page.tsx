import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { WorkspaceMembers } from '@/components/workspace-members';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Workspace' };

export default async function WorkspacePage() {
  const session = await requireSession('/workspace');
  return (
    <>
      <PageHeader title={session.workspaceName} description="The people who share this workspace's records." />
      <WorkspaceMembers isOwner={session.role === 'owner'} myId={session.userId} />
    </>
  );
}

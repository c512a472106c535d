import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard-view';
import { PageHeader } from '@/components/page-header';
import { content } from '@/lib/content';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  await requireSession('/dashboard');
  return (
    <>
      <PageHeader title="Dashboard" description={`Everything in ${content.name} at a glance.`} />
      <DashboardView />
    </>
  );
}

import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard-view';
import { PageHeader } from '@/components/page-header';
import { content } from '@/lib/content';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description={`Everything in ${content.name} at a glance.`} />
      <DashboardView />
    </>
  );
}

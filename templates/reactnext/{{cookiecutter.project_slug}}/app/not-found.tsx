import Link from 'next/link';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { ui } from '@/lib/ui';

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Notice
        title="There is nothing at this address"
        action={
          <Link href="/dashboard" className={ui.primaryButton}>
            Go to the dashboard
          </Link>
        }
      >
        Check the link, or start from the dashboard.
      </Notice>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth-card';
import { authFields } from '@/components/auth-fields';
import { AuthForm } from '@/components/auth-form';
import { ui } from '@/lib/ui';
import { redirectIfSignedIn } from '@/lib/session';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<{ next?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  await redirectIfSignedIn();
  const { next } = await searchParams;
  return (
    <AuthCard
      title="Sign in"
      intro="Welcome back. Sign in to reach your workspace."
      footer={
        <>
          <p>
            New here?{' '}
            <Link href="/sign-up" className={ui.link}>
              Create an account
            </Link>
          </p>
          <p>
            <Link href="/reset-password" className={ui.link}>
              Forgot your password?
            </Link>
          </p>
        </>
      }
    >
      <AuthForm action="sign-in" fields={[authFields.email, authFields.password]} submitLabel="Sign in" next={next ?? null} />
    </AuthCard>
  );
}

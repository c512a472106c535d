import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth-card';
import { authFields } from '@/components/auth-fields';
import { AuthForm } from '@/components/auth-form';
import { ui } from '@/lib/ui';

export const metadata: Metadata = { title: 'Reset your password' };

type Search = Promise<{ token?: string }>;

/** Without a token: ask for a reset link. With the token from that link: choose a new password. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Search }) {
  const { token } = await searchParams;
  const footer = (
    <p>
      <Link href="/sign-in" className={ui.link}>
        Back to sign in
      </Link>
    </p>
  );
  if (token) {
    return (
      <AuthCard title="Choose a new password" intro="Every device signed in to this account is signed out." footer={footer}>
        <AuthForm
          action="password-reset/confirm"
          fields={[authFields.newPassword]}
          extra={{ token }}
          submitLabel="Save password"
          successMessage="Your password is changed. Sign in with it now."
        />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Reset your password" intro="We send a link to choose a new password to your email." footer={footer}>
      <AuthForm action="password-reset" fields={[authFields.email]} submitLabel="Send reset link" />
    </AuthCard>
  );
}

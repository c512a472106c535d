import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth-card';
import { authFields } from '@/components/auth-fields';
import { AuthForm } from '@/components/auth-form';
import { content } from '@/lib/content';
import { redirectIfSignedIn } from '@/lib/session';
import { ui } from '@/lib/ui';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  await redirectIfSignedIn();
  return (
    <AuthCard
      title="Create an account"
      intro={`You get a workspace of your own in ${content.name}; only the people you invite see its records.`}
      footer={
        <p>
          Have an account?{' '}
          <Link href="/sign-in" className={ui.link}>
            Sign in
          </Link>
        </p>
      }
    >
      <AuthForm
        action="sign-up"
        fields={[authFields.email, authFields.newPassword, authFields.workspaceName]}
        submitLabel="Create account"
        next="/dashboard"
      />
    </AuthCard>
  );
}

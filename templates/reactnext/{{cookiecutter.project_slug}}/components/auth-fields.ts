import type { AuthField } from '@/components/auth-form';

/** The inputs of the account forms, named as the API expects them. */
export const authFields = {
  email: { name: 'email', label: 'Email', type: 'email', autoComplete: 'email', required: true },
  password: { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password', required: true },
  newPassword: {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    required: true,
    hint: 'At least 8 characters.',
  },
  workspaceName: {
    name: 'workspaceName',
    label: 'Workspace name',
    type: 'text',
    autoComplete: 'organization',
    required: false,
    hint: 'Your team or company; you can invite others to it.',
  },
} satisfies Record<string, AuthField>;

import type { AuthField } from '~/components/AuthForm.vue';

/** The inputs of the account forms, named as the API expects them. */
export const authFields = {
  email: { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true },
  password: { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
  newPassword: {
    name: 'password',
    label: 'Password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    hint: 'At least 8 characters.',
  },
  workspaceName: {
    name: 'workspaceName',
    label: 'Workspace name',
    type: 'text',
    autocomplete: 'organization',
    required: false,
    hint: 'Your team or company; you can invite others to it.',
  },
} satisfies Record<string, AuthField>;

// Shared Tailwind class lists, so buttons, inputs and cards look the same on every page.

const buttonBase =
  'inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold shadow-sm transition-colors disabled:cursor-not-allowed disabled:opacity-60';

export const ui = {
  primaryButton: `${buttonBase} bg-indigo-600 text-white hover:bg-indigo-700`,
  secondaryButton: `${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`,
  dangerButton: `${buttonBase} border border-red-200 bg-white text-red-700 hover:bg-red-50`,
  card: 'rounded-xl border border-slate-200 bg-white shadow-sm',
  input:
    'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-indigo-600 aria-invalid:border-red-600',
  link: 'font-medium text-indigo-700 underline-offset-2 hover:underline',
  badge: 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium',
} as const;

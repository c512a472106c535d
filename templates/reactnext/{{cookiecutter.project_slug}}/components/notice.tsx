import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'error';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

/** An empty, error or not-found state, in place of the content that is missing. */
export function Notice({ tone = 'info', title, children, action }: NoticeProps) {
  const error = tone === 'error';
  return (
    <div
      role={error ? 'alert' : undefined}
      className={`rounded-xl border px-6 py-10 text-center ${
        error
          ? 'border-red-200 bg-red-50 text-red-900'
          : 'border-dashed border-slate-300 bg-white text-slate-700'
      }`}
    >
      <p className="text-base font-semibold">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-md text-sm">{children}</div>}
      {action && <div className="mt-4 flex justify-center">{action}</div>}
    </div>
  );
}

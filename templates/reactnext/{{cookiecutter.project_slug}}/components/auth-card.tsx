import type { ReactNode } from 'react';
import { ui } from '@/lib/ui';

/** The frame of the account pages: one narrow card with the page's `h1`. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className={`${ui.card} p-6 sm:p-8`}>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {intro && <p className="mt-2 text-sm text-slate-600">{intro}</p>}
        <div className="mt-6">{children}</div>
      </div>
      {footer && <div className="mt-4 space-y-1 text-center text-sm text-slate-600">{footer}</div>}
    </div>
  );
}

'use client';

import { ui } from '@/lib/ui';

interface PaginationProps {
  page: number;
  pages: number;
  total: number;
  limit: number;
  noun: string;
  onPage: (page: number) => void;
}

/** "Showing 21–40 of 57", "Page 2 of 3" and the Previous / Next buttons under a list. */
export function Pagination({ page, pages, total, limit, noun, onPage }: PaginationProps) {
  const last = Math.max(pages, 1);
  const from = total === 0 ? 0 : (page - 1) * limit + 1;
  const to = Math.min(page * limit, total);
  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
      <p aria-live="polite">
        Showing <span className="font-medium text-slate-900">{from}</span>–
        <span className="font-medium text-slate-900">{to}</span> of{' '}
        <span className="font-medium text-slate-900">{total}</span> {noun}
      </p>
      <div className="flex items-center gap-3">
        <span>
          Page {page} of {last}
        </span>
        <button
          type="button"
          className={ui.secondaryButton}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          Previous
        </button>
        <button
          type="button"
          className={ui.secondaryButton}
          disabled={page >= last}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </div>
    </div>
  );
}

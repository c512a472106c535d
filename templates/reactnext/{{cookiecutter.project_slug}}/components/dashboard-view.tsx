'use client';

import Link from 'next/link';
import { Notice } from '@/components/notice';
import { formatTimestamp } from '@/lib/display';
import type { DashboardEntry } from '@/lib/entity-types';
import { ui } from '@/lib/ui';
import { useJson } from '@/lib/use-json';

/** Counts per entity and the latest records of each, from `GET /api/dashboard`. */
export function DashboardView() {
  const { data, error, reload } = useJson<{ entities: DashboardEntry[] }>('/api/dashboard');

  if (error) {
    return (
      <Notice
        tone="error"
        title="Could not load the dashboard"
        action={
          <button type="button" className={ui.secondaryButton} onClick={reload}>
            Try again
          </button>
        }
      >
        {error}
      </Notice>
    );
  }
  if (!data) {
    return (
      <div aria-busy="true" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <p className="sr-only">Loading…</p>
        {[0, 1, 2].map((n) => (
          <div key={n} className={`${ui.card} h-28 animate-pulse`} />
        ))}
      </div>
    );
  }

  return (
    <div className="space-y-10">
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="sr-only">
          Totals
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {data.entities.map((entry) => (
            <li key={entry.name}>
              <Link
                href={`/${entry.route}`}
                className={`${ui.card} block p-5 transition hover:border-indigo-300 hover:shadow-md`}
              >
                <span className="text-sm font-medium text-slate-600">{entry.pluralLabel}</span>
                <span className="mt-2 block text-3xl font-semibold tracking-tight text-slate-900">
                  {entry.count}
                </span>
                <span className="mt-3 block text-sm font-medium text-indigo-700">
                  View all <span aria-hidden="true">→</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-4 text-lg font-semibold text-slate-900">
          Recently updated
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          {data.entities.map((entry) => (
            <div key={entry.name} className={ui.card}>
              <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
                <h3 className="text-base font-semibold text-slate-900">{entry.pluralLabel}</h3>
                <Link
                  href={`/${entry.route}/new`}
                  className="text-sm font-medium text-indigo-700 hover:underline"
                >
                  New {entry.label.toLowerCase()}
                </Link>
              </div>
              {entry.recent.length === 0 ? (
                <p className="px-5 py-4 text-sm text-slate-600">No {entry.pluralLabel.toLowerCase()} yet.</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {entry.recent.map((row) => (
                    <li key={row.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                      <Link href={`/${entry.route}/${row.id}`} className={`${ui.link} truncate`}>
                        {row._title}
                      </Link>
                      <span className="shrink-0 text-slate-600">{formatTimestamp(row.updatedAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

import Link from 'next/link';
import { formatTimestamp } from '@/lib/display';
import type { RelatedList as Related } from '@/lib/entity-types';
import { ui } from '@/lib/ui';

/** The records of another entity that point at this one, e.g. a customer's projects. */
export function RelatedList({ related }: { related: Related }) {
  return (
    <section aria-labelledby={`related-${related.entity}-${related.field}`} className={ui.card}>
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <h3
          id={`related-${related.entity}-${related.field}`}
          className="text-base font-semibold text-slate-900"
        >
          {related.pluralLabel}
          <span className="ml-2 text-sm font-normal text-slate-600">
            by {related.fieldLabel.toLowerCase()}
          </span>
        </h3>
        <span className={`${ui.badge} bg-slate-100 text-slate-700`}>{related.total}</span>
      </div>
      {related.items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No {related.pluralLabel.toLowerCase()} yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {related.items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
              <Link href={`/${related.route}/${item.id}`} className={`${ui.link} truncate`}>
                {item._title}
              </Link>
              <span className="shrink-0 text-slate-600">{formatTimestamp(item.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {related.total > related.items.length && (
        <p className="border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
          Showing {related.items.length} of {related.total}.
        </p>
      )}
    </section>
  );
}

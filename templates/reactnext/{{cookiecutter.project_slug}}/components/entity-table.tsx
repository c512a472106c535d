'use client';

import Link from 'next/link';
import { useState } from 'react';
import { CellValue } from '@/components/cell-value';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { SearchBox } from '@/components/search-box';
import { type Sort, SortHeader } from '@/components/sort-header';
import { query } from '@/lib/api-client';
import { formatTimestamp, listColumns, recordHref } from '@/lib/display';
import { type EntityName, entities } from '@/lib/entities';
import type { Page, Row } from '@/lib/entity-types';
import { ui } from '@/lib/ui';
import { useDebounced } from '@/lib/use-debounced';
import { useJson } from '@/lib/use-json';

const PAGE_SIZE = 20;

/** The list of one entity: search, sortable columns and pages of 20, loaded from `GET /api/<route>`. */
export function EntityTable({ name }: { name: EntityName }) {
  const entity = entities[name];
  const { title, others } = listColumns(entity);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Sort>({ field: 'createdAt', dir: 'desc' });
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const url = `/api/${entity.route}${query({ page, limit: PAGE_SIZE, sort: sort.field, dir: sort.dir, q })}`;
  const { data, error, loading, reload } = useJson<Page<Row>>(url);
  const plural = entity.pluralLabel.toLowerCase();

  const changeSort = (next: Sort) => {
    setSort(next);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={entity.pluralLabel}
        description={entity.description}
        actions={
          <Link href={`/${entity.route}/new`} className={ui.primaryButton}>
            New {entity.label.toLowerCase()}
          </Link>
        }
      />
      <div className="space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <SearchBox
            label={`Search ${plural}`}
            value={search}
            onChange={(value) => {
              setSearch(value);
              setPage(1);
            }}
          />
          {data && (
            <p className="text-sm text-slate-600">
              {data.total} {data.total === 1 ? entity.label.toLowerCase() : plural}
              {q ? ` matching “${q}”` : ''}
            </p>
          )}
        </div>

        {error && (
          <Notice
            tone="error"
            title={`Could not load ${plural}`}
            action={
              <button type="button" className={ui.secondaryButton} onClick={reload}>
                Try again
              </button>
            }
          >
            {error}
          </Notice>
        )}

        {!error && !data && (
          <div className={`${ui.card} p-4`} aria-busy="true">
            <p className="sr-only">Loading {plural}…</p>
            <div className="space-y-3">
              {[0, 1, 2, 3].map((n) => (
                <div key={n} className="h-8 animate-pulse rounded bg-slate-100" />
              ))}
            </div>
          </div>
        )}

        {!error && data && data.total === 0 && (
          <Notice
            title={q ? `No ${plural} match “${q}”` : `No ${plural} yet`}
            action={
              !q && (
                <Link href={`/${entity.route}/new`} className={ui.primaryButton}>
                  Add the first {entity.label.toLowerCase()}
                </Link>
              )
            }
          >
            {q ? 'Try a shorter or different search.' : entity.description}
          </Notice>
        )}

        {!error && data && data.total > 0 && (
          <div className={`${ui.card} overflow-hidden`} aria-busy={loading}>
            <div className="overflow-x-auto">
              <table
                className={`min-w-full divide-y divide-slate-200 text-sm ${loading ? 'opacity-60' : ''}`}
              >
                <caption className="sr-only">
                  {entity.pluralLabel}, page {data.page} of {Math.max(data.pages, 1)}
                </caption>
                <thead className="bg-slate-50">
                  <tr>
                    <SortHeader
                      label={title?.label ?? entity.label}
                      field={title?.name ?? 'id'}
                      sort={sort}
                      onSort={changeSort}
                    />
                    {others.map((field) => (
                      <SortHeader
                        key={field.name}
                        label={field.label}
                        field={field.name}
                        sort={sort}
                        onSort={changeSort}
                      />
                    ))}
                    <SortHeader label="Updated" field="updatedAt" sort={sort} onSort={changeSort} />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.items.map((row) => (
                    <tr key={row.id} className="hover:bg-slate-50">
                      <td className="max-w-xs truncate px-4 py-3">
                        <Link href={recordHref(entity, row.id)} className={ui.link}>
                          {row._title}
                        </Link>
                      </td>
                      {others.map((field) => (
                        <td key={field.name} className="max-w-xs truncate px-4 py-3 text-slate-700">
                          <CellValue field={field} row={row} />
                        </td>
                      ))}
                      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                        {formatTimestamp(row.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={data.page}
              pages={data.pages}
              total={data.total}
              limit={data.limit}
              noun={plural}
              onPage={setPage}
            />
          </div>
        )}
      </div>
    </>
  );
}

'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { SignOutButton } from '@/components/sign-out-button';

interface NavLink {
  href: string;
  title: string;
}

const isCurrent = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** Who is signed in, for the header; null for a visitor. */
export interface HeaderAccount {
  email: string;
  workspace: string;
}

const accountLink =
  'block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 hover:text-slate-900';

// Past four links (and the account) the row needs an extra-wide screen; below it the links fold behind Menu. Whole
// class names, so that Tailwind finds them.
const FOLD = {
  lg: {
    button: 'lg:hidden',
    list: 'lg:static lg:flex lg:flex-row lg:items-center lg:border-0 lg:p-0 lg:shadow-none',
    account: 'lg:ml-3 lg:flex-row lg:items-center lg:border-l lg:border-slate-200 lg:pl-3',
  },
  xl: {
    button: 'xl:hidden',
    list: 'xl:static xl:flex xl:flex-row xl:items-center xl:border-0 xl:p-0 xl:shadow-none',
    account: 'xl:ml-3 xl:flex-row xl:items-center xl:border-l xl:border-slate-200 xl:pl-3',
  },
};

/**
 * The app's header: its name and the main navigation, folded behind a Menu button on small screens.
 * A visitor sees only Sign in and Create account; a signed-in user the app's pages and Sign out.
 */
export function SiteHeader({ name, links, account }: { name: string; links: NavLink[]; account: HeaderAccount | null }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const fold = FOLD[links.length > 4 ? 'xl' : 'lg'];

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-6 px-4 py-3 sm:px-6 lg:px-8">
        <Link href="/" className="flex items-center gap-2 rounded-lg py-1 font-semibold text-slate-900">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm text-white"
          >
            {name.trim().charAt(0).toUpperCase() || 'A'}
          </span>
          <span className="text-base whitespace-nowrap">{name}</span>
        </Link>
        <nav aria-label="Main">
          <button
            type="button"
            className={`inline-flex items-center gap-2 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 ${fold.button}`}
            aria-expanded={open}
            aria-controls="main-menu"
            onClick={() => setOpen((value) => !value)}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
              {open ? (
                <path d="M5.3 4.3a1 1 0 0 0-1.4 1.4L8.6 10l-4.7 4.3a1 1 0 1 0 1.4 1.4L10 11.4l4.3 4.3a1 1 0 0 0 1.4-1.4L11.4 10l4.3-4.3a1 1 0 0 0-1.4-1.4L10 8.6 5.3 4.3Z" />
              ) : (
                <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
              )}
            </svg>
            Menu
          </button>
          <ul
            id="main-menu"
            className={`${open ? 'flex' : 'hidden'} absolute inset-x-0 top-full flex-col gap-1 border-b border-slate-200 bg-white px-4 py-3 shadow-lg sm:px-6 ${fold.list}`}
          >
            {links.map((link) => {
              const current = isCurrent(pathname, link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                    className={`block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap ${
                      current
                        ? 'bg-indigo-50 text-indigo-700'
                        : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900'
                    }`}
                  >
                    {link.title}
                  </Link>
                </li>
              );
            })}
            {account ? (
              <li className={`flex flex-col gap-1 ${fold.account}`}>
                <span className="max-w-48 truncate px-3 py-2 text-xs text-slate-600" title={`${account.email}, ${account.workspace}`}>
                  {account.email}
                </span>
                <SignOutButton className={`${accountLink} text-left`} />
              </li>
            ) : (
              <>
                <li>
                  <Link href="/sign-in" className={accountLink} onClick={() => setOpen(false)}>
                    Sign in
                  </Link>
                </li>
                <li>
                  <Link
                    href="/sign-up"
                    className="block rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
                    onClick={() => setOpen(false)}
                  >
                    Create account
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

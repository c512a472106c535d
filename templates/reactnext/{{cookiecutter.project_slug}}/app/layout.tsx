import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { content } from '@/lib/content';
import { entityList } from '@/lib/entities';
import { currentSession } from '@/lib/session';
import './globals.css';

export const metadata: Metadata = {
  title: { default: content.name, template: `%s · ${content.name}` },
  description: content.tagline,
};

export const viewport: Viewport = { themeColor: '#4f46e5' };

const links = [
  { href: '/dashboard', title: 'Dashboard' },
  ...entityList.map((entity) => ({ href: `/${entity.route}`, title: entity.pluralLabel })),
  { href: '/workspace', title: 'Workspace' },
];

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  const account = session && { email: session.email, workspace: session.workspaceName };
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only rounded-lg bg-white px-4 py-2 font-semibold text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <SiteHeader name={content.name} links={account ? links : []} account={account} />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 lg:px-8"
        >
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:justify-between sm:px-6 lg:px-8">
            <p>{content.name}</p>
            <p>{content.tagline}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

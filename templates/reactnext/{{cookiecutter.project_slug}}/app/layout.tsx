import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { content } from '@/lib/content';
import { entityList } from '@/lib/entities';
import './globals.css';

export const metadata: Metadata = { title: content.name, description: content.tagline };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">{content.name}</Link>
          {entityList.map((entity) => (
            <Link key={entity.route} href={`/${entity.route}`}>
              {entity.pluralLabel}
            </Link>
          ))}
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}

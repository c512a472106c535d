import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { content } from '@/lib/content';
import './globals.css';

export const metadata: Metadata = { title: content.name, description: content.tagline };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          {content.navigation.map((link) => (
            <Link key={link.href} href={link.href}>
              {link.title}
            </Link>
          ))}
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}

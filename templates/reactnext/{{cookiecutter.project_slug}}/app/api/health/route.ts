import { NextResponse } from 'next/server';
import { checkDatabase } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Always 200 while the app runs; the database's state is reported beside it. */
export async function GET() {
  return NextResponse.json({ status: 'ok', db: await checkDatabase(), uptimeSeconds: Math.round(process.uptime()) });
}

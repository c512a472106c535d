// Every /api/* request goes to the shared JSON API (lib/server/api.ts); see README for its routes.
import { handleApiRequest } from '@/lib/server/api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

async function handle(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return handleApiRequest(request, (await params).path);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;

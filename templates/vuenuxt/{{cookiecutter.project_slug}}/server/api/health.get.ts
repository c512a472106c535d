import { defineEventHandler } from 'h3';
import { checkDatabase } from '../lib/db';

/** Always 200 while the app runs; the database's state is reported beside it. */
export default defineEventHandler(async () => ({
  status: 'ok',
  db: await checkDatabase(),
  uptimeSeconds: Math.round(process.uptime()),
}));

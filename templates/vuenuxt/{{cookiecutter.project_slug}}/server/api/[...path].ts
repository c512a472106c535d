import { handleApiRequest } from '../../lib/server/api';

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Every `/api/*` request goes to the app's one JSON API (lib/server/api.ts), on web Request and Response. */
export default defineEventHandler((event) => {
  const path = (getRouterParam(event, 'path') ?? '').split('/').filter(Boolean).map(decode);
  // The socket's address, or the first proxy hop's: sign-in limits count per account and address.
  return handleApiRequest(toWebRequest(event), path, getRequestIP(event, { xForwardedFor: true }));
});

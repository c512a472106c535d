import { createApiHandler } from './api-handler';
import { getAppContext } from './app-context';

/** The JSON API bound to this app's database; see templates' README for its routes. */
export const handleApiRequest = createApiHandler(getAppContext);

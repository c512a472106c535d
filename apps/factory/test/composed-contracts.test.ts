import { pgliteStores } from './composed-harness';
import { composedContracts } from './composed-suites';

composedContracts('PGlite', pgliteStores);

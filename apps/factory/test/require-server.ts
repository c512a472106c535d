export { type ServerVariable, serverMissing } from '../../../tooling/testing/require-server';

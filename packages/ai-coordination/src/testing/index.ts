export {
  type LoopbackReply,
  type LoopbackResponder,
  type LoopbackServer,
  type RecordedRequest,
  startLoopbackServer,
} from './loopback-server';
export type { LoopbackStrictness } from './loopback-strictness';

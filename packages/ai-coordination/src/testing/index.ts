export {
  type LoopbackReply,
  type LoopbackResponder,
  type LoopbackServer,
  type RecordedRequest,
  startLoopbackServer,
} from './loopback-server';
export type { LoopbackStrictness } from './loopback-strictness';
export {
  type RoutingScenarioOptions,
  type RoutingScenarioResult,
  runRoutingScenario,
} from './routing-scenario';

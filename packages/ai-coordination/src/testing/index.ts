export {
  type LoopbackReply,
  type LoopbackResponder,
  type LoopbackServer,
  type RecordedRequest,
  startLoopbackServer,
} from './loopback-server';
export type { LoopbackStrictness } from './loopback-strictness';
export {
  ROUTING_SCENARIO_TASKS,
  type RoutingScenarioOptions,
  type RoutingScenarioResult,
  runRoutingScenario,
} from './routing-scenario';

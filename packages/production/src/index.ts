export {
  createMetrics,
  type FactoryMetrics,
  type MetricsOptions,
  type SharedGauges,
} from './metrics/create-metrics';
export { type FollowOptions, followEvents } from './metrics/follow-events';
export { MemoryEventBus } from './metrics/memory-event-bus';

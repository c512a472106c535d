export {
  type Analytics,
  type AnalyticsOptions,
  type AnalyticsRow,
  type AnalyticsScope,
  computeAnalytics,
} from './analytics/compute-analytics';
export {
  analyticsToCsv,
  analyticsToJson,
  csvField,
  formatAnalyticsTable,
} from './analytics/format-analytics';
export { percentile } from './analytics/stats';
export {
  createMetrics,
  type FactoryMetrics,
  type MetricsOptions,
  type SharedGauges,
} from './metrics/create-metrics';
export { type FollowOptions, followEvents } from './metrics/follow-events';
export { MemoryEventBus } from './metrics/memory-event-bus';

// The cache port lives in contracts; re-exported for hosts that already import it from here.
export type { CachedResult, IResultCache } from '@startup-factory/contracts';
export {
  type AiCallSummary,
  aiCallsByPhase,
  formatAiCalls,
  formatCallCounts,
  isRetryCall,
  phaseOfCall,
  summarizeAiCalls,
} from './analytics/ai-call-summary';
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
  formatTextTable,
} from './analytics/format-analytics';
export { percentile } from './analytics/stats';
export { DASHBOARD_HTML } from './dashboard/dashboard-page';
export { type DashboardOptions, dashboardPlugin } from './dashboard/dashboard-plugin';
export {
  collectDashboardState,
  type DashboardProvider,
  type DashboardStartup,
  type DashboardState,
  type DashboardStateOptions,
} from './dashboard/dashboard-state';
export { formatSse, resumePoint, type SseOptions, streamEvents } from './dashboard/sse';
export { AppProcess, type StartAppOptions } from './deploy/app-process';
export {
  type DeployPointer,
  deployedApps,
  listDeployPointers,
  readDeployPointer,
} from './deploy/deploy-pointers';
export { DeployService, type DeployServiceOptions, type DeployTarget } from './deploy/deploy-service';
export {
  type DeployState,
  deployLogFile,
  deployRuntimeDir,
  isAlive,
  readDeployState,
  tailDeployLog,
  writeDeployState,
} from './deploy/deploy-state';
export { Deployer, type DeployerOptions } from './deploy/deployer';
export { type HealthCheckOptions, waitForHealthy } from './deploy/health-check';
export {
  buildManifests,
  defaultDockerfile,
  K8sDeployment,
  K8sService,
  type ManifestInput,
  writeDeployManifests,
} from './deploy/k8s-manifests';
export { prepareDeployment } from './deploy/prepare-deployment';
export { ReverseProxy } from './deploy/reverse-proxy';
export {
  createMetrics,
  type FactoryMetrics,
  type MetricsOptions,
  type SharedGauges,
} from './metrics/create-metrics';
export { type FollowOptions, followEvents } from './metrics/follow-events';
export { type ProcessUsage, processGroupUsage, recordDeployedUsage } from './metrics/process-usage';
export { CachingProvider, type CachingProviderOptions } from './optimizer/caching-provider';
export {
  ConcurrencyController,
  type ConcurrencyControllerOptions,
  DEFAULT_THRESHOLDS,
  type ResourceSample,
  type ResourceSampler,
  systemSampler,
  type Thresholds,
} from './optimizer/concurrency-controller';
export {
  createResultCache,
  type RedisCacheOptions,
  RedisResultCache,
} from './optimizer/redis-result-cache';
export {
  type CacheKeyInput,
  cacheKey,
  type MemoryCacheOptions,
  MemoryResultCache,
} from './optimizer/result-cache';
export { type WarmUpReport, type WarmUpTask, warmUp } from './optimizer/warm-up';

import { analyticsToCsv, computeAnalytics, formatAnalyticsTable } from '@startup-factory/production';
import type { Command } from 'commander';
import { EXIT } from './exit-codes';
import { type GlobalOptions, withFactory } from './run-action';

/** `factory analytics [--json|--csv]`: time, cost, tokens, retries, quality and success by startup, phase and provider. */
export function registerAnalyticsCommand(program: Command): void {
  program
    .command('analytics')
    .description('time, cost, tokens, retries, quality and success by startup, phase and provider')
    .option('--csv', 'one CSV table (scope,key,name,…) on stdout')
    .action(async (options: { csv?: boolean; json?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      await withFactory(global, async (factory) => {
        const analytics = await computeAnalytics({
          store: factory.parts.store,
          manager: factory.parts.manager,
        });
        if (options.csv) process.stdout.write(analyticsToCsv(analytics));
        else if (global.json || options.json) process.stdout.write(`${JSON.stringify(analytics, null, 2)}\n`);
        else process.stdout.write(`${formatAnalyticsTable(analytics)}\n`);
        return EXIT.ok;
      });
    });
}

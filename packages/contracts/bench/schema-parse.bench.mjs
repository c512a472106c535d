// Schema parse throughput: StartupConfig.parse of a full config against a hand-written
// validator of the same fields, measured in the same run.
import { Bench } from 'tinybench';
import { benchResult, writeBenchResults } from '../../../tooling/bench/bench-result.mjs';
import { StartupConfig } from '../dist/index.js';

const input = {
  name: 'Acme Robotics',
  industry: 'Logistics',
  category: 'B2B SaaS',
  template: 'reactnext',
  description: 'Route planning for small couriers.',
  founderProfile: {
    name: 'Ada',
    background: 'Operations lead',
    skills: ['ops', 'sales'],
    experienceYears: 8,
  },
  resourceRequirements: { memoryMb: 512, cpuCores: 0.5, storageGb: 2, portCount: 3 },
};

function handWritten(value) {
  const ok =
    typeof value.name === 'string' &&
    value.name.length > 0 &&
    value.name.length <= 80 &&
    typeof value.industry === 'string' &&
    typeof value.category === 'string' &&
    /^[a-z][a-z0-9-]{0,39}$/.test(value.template) &&
    Array.isArray(value.founderProfile.skills) &&
    Number.isInteger(value.resourceRequirements.memoryMb) &&
    value.resourceRequirements.memoryMb >= 64;
  if (!ok) throw new Error('invalid');
  return { ...value };
}

const bench = new Bench({ time: 1000, warmupTime: 200 });
bench
  .add('zod StartupConfig.parse', () => StartupConfig.parse(input))
  .add('hand-written check', () => handWritten(input));
await bench.run();
const [zodTask, handTask] = bench.tasks;
const zodHz = zodTask.result.throughput.mean;
const handHz = handTask.result.throughput.mean;

writeBenchResults(new URL('..', import.meta.url).pathname, [
  benchResult({
    name: 'contracts: StartupConfig parse throughput',
    metric: 'parses per second',
    unit: 'ops/s',
    value: zodHz,
    baseline: handHz,
    // zod may cost up to 100x a bare check of the same fields and still be noise next to a create.
    goal: { minRatio: 0.01 },
    note: `absolute: ${Math.round(zodHz)} parses/s`,
  }),
]);

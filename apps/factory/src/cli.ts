#!/usr/bin/env node
import { buildProgram } from './cli/program';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`factory: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });

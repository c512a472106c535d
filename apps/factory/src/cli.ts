#!/usr/bin/env node
import { buildProgram } from './cli/program';
import { reportError } from './cli/run-action';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => reportError(error, process.argv.includes('--verbose')));

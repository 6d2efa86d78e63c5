#!/usr/bin/env node
// The `branch-ledger` command: runs the TypeScript CLI through tsx, so `npx branch-ledger`
// works straight after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

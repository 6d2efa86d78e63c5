// Starts a TypeScript worker entry under tsx (tests, the CLI, `npm run bench`). Node 20 does not
// apply `--import tsx` from a Worker's execArgv to the worker's own entry, so the entry registers
// tsx here and then imports the .ts file. The packaged app runs the esbuild bundle instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

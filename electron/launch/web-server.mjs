// The browser-mode server process, started by web.mjs: registers tsx so the TypeScript bridge
// runs as is, then calls electron/bridge/web.ts, which prints `URL: …` and serves until
// SIGINT/SIGTERM, closing the ledger cleanly.

import { register } from 'tsx/esm/api';

// web.mjs keeps an IPC channel open only so we learn when it dies: then we shut down through the
// bridge's own SIGTERM path instead of lingering with the ledger open.
if (process.channel) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel.unref();
}

register();
const { runWeb, describeStartupError } = await import('../bridge/web.ts');
try {
  await runWeb(process.argv.slice(2));
} catch (error) {
  console.error(describeStartupError(error));
  // CLI.md: 4 = internal error, nothing was changed.
  process.exit(4);
}

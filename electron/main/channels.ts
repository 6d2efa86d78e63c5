/** IPC channel names shared by the main process and the preload. */
export const INVOKE_CHANNEL = 'ledger:invoke';
export const PROGRESS_CHANNEL = 'ledger:progress';

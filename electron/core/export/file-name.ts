/** A file name every OS accepts: characters Windows forbids, and white space, become "_". */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}

import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where browser mode keeps its data when FRONTDESK_DATA_DIR is not set. */
export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'frontdesk');
}

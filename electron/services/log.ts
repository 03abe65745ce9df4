/**
 * The main side's logger: one line per entry on stderr, so that the desktop
 * app's log file and the browser-mode console read the same. Tests can
 * capture entries with `onLog`.
 */
type Level = 'info' | 'warn' | 'error';
const sinks = new Set<(level: Level, message: string) => void>();

function write(level: Level, message: string, err?: unknown): void {
  const detail = err instanceof Error ? ` — ${err.stack ?? err.message}` : err === undefined ? '' : ` — ${String(err)}`;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${detail}`;
  for (const s of sinks) s(level, line);
  process.stderr.write(`${line}\n`);
}

export const log = {
  info: (message: string) => write('info', message),
  warn: (message: string, err?: unknown) => write('warn', message, err),
  error: (message: string, err?: unknown) => write('error', message, err),
};

export function onLog(sink: (level: Level, line: string) => void): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

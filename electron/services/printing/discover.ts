import { execFile } from 'node:child_process';

export interface DiscoveredQueue {
  name: string;
  uri: string;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 5_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/**
 * Local CUPS queues as IPP addresses the print queue can use. `lpstat -e`
 * names the destinations; CUPS serves each at ipp://localhost:631/printers/NAME.
 * Without CUPS the list is empty and the note says so, so the console can
 * tell "no printers" from "cannot look".
 */
export async function discoverQueues(): Promise<{ queues: DiscoveredQueue[]; note: string }> {
  try {
    const out = await run('lpstat', ['-e']);
    const names = out.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      queues: names.map((name) => ({ name, uri: `ipp://localhost:631/printers/${encodeURIComponent(name)}` })),
      note: names.length === 0 ? 'noQueues' : '',
    };
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    // ENOENT: no lpstat, so no CUPS client here; anything else: CUPS is not running.
    return { queues: [], note: code === 'ENOENT' ? 'noCups' : 'cupsDown' };
  }
}

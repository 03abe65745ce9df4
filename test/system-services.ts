import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';

/**
 * The system D-Bus and avahi-daemon that CUPS's ippeveprinter needs before it
 * will start ("Unable to initialize DNS-SD", even with `-r off`). A machine
 * can carry a socket file left from a daemon that is gone (a session's
 * processes end, /run stays), so the daemons are checked, not the files, and
 * avahi is waited for until it answers on the bus. Run once per test run as a
 * vitest global setup; calling it again is cheap and idempotent.
 */

function running(name: string): boolean {
  try {
    execFileSync('pgrep', ['-x', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function avahiAnswers(): boolean {
  try {
    execFileSync('avahi-daemon', ['--check'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureSystemServices(): void {
  if (!running('dbus-daemon')) {
    rmSync('/run/dbus/system_bus_socket', { force: true });
    rmSync('/run/dbus/pid', { force: true });
    mkdirSync('/run/dbus', { recursive: true });
    execFileSync('dbus-daemon', ['--system', '--fork']);
  }
  if (!existsSync('/usr/sbin/avahi-daemon') || avahiAnswers()) return;
  if (!running('avahi-daemon')) {
    rmSync('/run/avahi-daemon/pid', { force: true });
    try {
      execFileSync('avahi-daemon', ['--daemonize', '--no-chroot'], { stdio: 'ignore' });
    } catch (error) {
      throw new Error(`avahi-daemon would not start (ippeveprinter needs it): ${String(error)}`, { cause: error });
    }
  }
  for (let i = 0; i < 100 && !avahiAnswers(); i++) sleep(50);
  if (!avahiAnswers()) throw new Error('avahi-daemon started but does not answer (avahi-daemon --check)');
}

export default function setup(): void {
  ensureSystemServices();
}

// `npm start`: the desktop app when the Electron binary is installed,
// otherwise browser mode, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

if (run('npm', ['run', '-s', 'build']).status !== 0) process.exit(1);

let electronPath = null;
try {
  electronPath = require('electron'); // throws when the binary was never downloaded
} catch (err) {
  console.log(`The Electron binary is not installed (${err.message.split('\n')[0]}).`);
  console.log('Starting browser mode instead: open the addresses below in Chromium or Chrome.\n');
}

const child = electronPath
  ? spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist/electron/web.mjs'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

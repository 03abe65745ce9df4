// Bundles the Node side: the Electron shell (CJS, as Electron's sandboxed
// preload requires), the services utility process and browser mode (ESM).
// Dependencies stay external and are loaded from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/services-host.ts'], outfile: 'dist/electron/services-host.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/web.ts'], outfile: 'dist/electron/web.mjs', format: 'esm' }),
]);

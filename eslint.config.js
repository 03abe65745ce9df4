// Lint: TypeScript rules with type information, and the boundaries between
// runtimes (architecture.md): the renderer never reaches Node or Electron,
// `shared/` imports nothing of ours and nothing of Node, and only the three
// Electron shell files may import 'electron'.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'url', 'events', 'util', 'worker_threads'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'scripts/*.mjs', 'scripts/probe.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['electron', ...NODE_BUILTINS, '**/electron/**', '**/hardware/**'], 'The renderer reaches the main side only through window.frontdesk (shared/api.ts).'),
    },
  },
  {
    files: ['renderer/kiosk/**/*.{ts,tsx}'],
    rules: {
      // ux.md K3: kiosk actions fire on release, never on press.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name=/^on(PointerDown|TouchStart|MouseDown)$/]", message: 'Kiosk actions fire on release (ux.md K3).' },
        { selector: "JSXAttribute[name.name='type'][value.value='range']", message: 'No range sliders on the kiosk (ux.md K3).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(['electron', ...NODE_BUILTINS, '**/electron/**', '**/hardware/**', '**/renderer/**'], 'shared/ is pure TypeScript: it imports nothing of ours and nothing of Node.'),
  },
  {
    files: ['hardware/**/*.ts', 'electron/services/**/*.ts', 'electron/hub/**/*.ts', 'electron/web.ts', 'electron/services-host.ts'],
    rules: restrict(['electron', '**/renderer/**'], "Only electron/main.ts, preload.ts and ipc.ts may import 'electron'."),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

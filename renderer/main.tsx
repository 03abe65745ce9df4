import { StrictMode, Suspense, lazy, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ROLES, type Role } from '../shared/api';
import { useApp } from './app-store';
import { ensureInstall } from './db/seed';
import { SyncShell } from './sync/SyncShell';
import { startSync } from './sync/start';
import { translate, useLocale } from './i18n';
import { call, connectBridge } from './transport/api';
import './styles/base.css';

const faces: Record<Role, React.LazyExoticComponent<() => React.JSX.Element>> = {
  kiosk: lazy(() => import('./kiosk/KioskApp')),
  console: lazy(() => import('./console/ConsoleApp')),
  cards: lazy(() => import('./cards/CardsApp')),
};

/** Marks the moment a face has rendered, for the cold-load benchmark (bench/visitor-path.ts). */
function Interactive({ children }: { children: React.ReactNode }): React.ReactNode {
  useEffect(() => {
    performance.mark('frontdesk:interactive');
  }, []);
  return children;
}

function roleFromUrl(): Role {
  const asked = new URLSearchParams(location.search).get('role');
  return ROLES.find((r) => r === asked) ?? 'console';
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const role = roleFromUrl();
  document.body.dataset.role = role;
  root.render(<p className="boot">{translate(useLocale.getState().locale, 'app.loading')}</p>);
  try {
    const bridge = connectBridge(role);
    const info = await call('app:info', {});
    await ensureInstall(info.installId, info.demo);
    useApp.getState().setInfo(info);
    const sync = await startSync(info);
    bridge.on('settings:changed', (s) => useApp.getState().setSettings(s));
    bridge.on('devices:status', (d) => useApp.getState().setDevices(d));
    const Face = faces[info.role];
    root.render(
      <StrictMode>
        <Suspense fallback={null}>
          <SyncShell face={info.role} hubUrl={sync.hubUrl}>
            <Interactive>
              <Face />
            </Interactive>
          </SyncShell>
        </Suspense>
      </StrictMode>,
    );
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    root.render(<p role="alert" className="boot">{translate(useLocale.getState().locale, 'app.startFailed', { reason })}</p>);
  }
}

window.addEventListener('error', (e) => void call('app:log', { level: 'error', message: String(e.error?.stack ?? e.message) }).catch(() => undefined));
window.addEventListener('unhandledrejection', (e) => void call('app:log', { level: 'error', message: String((e.reason as Error)?.stack ?? e.reason) }).catch(() => undefined));

void start();

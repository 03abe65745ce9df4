/**
 * Asks for a session when there is none: the console's login, or the kiosk's
 * "enter the pairing code from the console". A revoked or expired session
 * comes back here with the reason shown.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, lazy, useId, useState } from 'react';
import { db } from '../db/schema';
import { useT } from '../i18n';
import { SessionError, enrol, login, storeSession } from './session';
import { META, readMeta } from './sync-meta';

// The kiosk's own look and digit pad, loaded only where it is needed.
const KioskPairing = lazy(() => import('../kiosk/PairingScreen'));

export function SyncGate({ face, hubUrl }: { face: 'kiosk' | 'console' | 'cards'; hubUrl: string }): React.JSX.Element {
  const t = useT();
  const revoked = useLiveQuery(() => readMeta(db.meta, META.revoked), [], null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const ids = { user: useId(), password: useId() };
  const pairing = face === 'kiosk';

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const session = pairing ? await enrol(hubUrl, code.trim(), `Kiosk ${new Date().toISOString().slice(0, 10)}`) : await login(hubUrl, user.trim(), password);
      await storeSession(session);
    } catch (err) {
      const c = err instanceof SessionError ? err.code : 'offline';
      setError(t(c === 'offline' ? 'sync.login.offline' : pairing ? 'sync.pair.failed' : 'sync.login.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (pairing) {
    return (
      <Suspense fallback={null}>
        <KioskPairing code={code} onCode={setCode} onSubmit={() => void submit()} busy={busy} notice={revoked ? t('sync.revoked') : null} error={error} />
      </Suspense>
    );
  }
  return (
    <main className="sync-gate">
      <form
        className="sync-gate"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{t('sync.login.title')}</h1>
        {revoked && <p role="alert">{t('sync.revoked')}</p>}
        <label htmlFor={ids.user}>
          {t('sync.login.user')}
          <input id={ids.user} autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />
        </label>
        <label htmlFor={ids.password}>
          {t('sync.login.password')}
          <input id={ids.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit" disabled={busy}>
          {t('sync.login.submit')}
        </button>
      </form>
    </main>
  );
}

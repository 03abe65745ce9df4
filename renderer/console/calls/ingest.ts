import { useEffect } from 'react';
import { call, getBridge } from '../../transport/api';
import { CallIngest } from './call-ingest';
import { useSwitchboard } from './switchboard-ui';

export { toStoredCall } from './stored-call';
export { PBX_ACTOR, ingestEntries } from './call-ingest';

/**
 * On console start: follow the PBX link's status, show and store new journal
 * entries as they are announced, and read everything after each PBX's last
 * stored sequence (call-ingest.ts has the rules).
 */
export function useCallIngest(): void {
  useEffect(() => {
    const bridge = getBridge();
    const sb = useSwitchboard.getState();
    const ingest = new CallIngest({ readSince: (afterSeq, limit) => call('calls:since', { afterSeq, limit }) });
    const offLogged = bridge.on('calls:logged', (entries) => ingest.logged(entries));
    const offStatus = bridge.on('calls:statusChanged', (s) => {
      sb.setPbx(s);
      ingest.statusChanged(s);
    });
    call('calls:status', {}).then(
      (s) => {
        sb.setPbx(s);
        ingest.statusChanged(s);
      },
      () => sb.setPbx(null, true),
    );
    ingest.start();
    return () => {
      offLogged();
      offStatus();
      ingest.stop();
    };
  }, []);
}

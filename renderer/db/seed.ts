import { db } from './schema';

/**
 * Makes the local database match the data folder: a new install id (a fresh
 * `FRONTDESK_DATA_DIR`, a reinstall) wipes the local replica. The shared demo
 * world (staff, visits, appointments, watch list) comes from the hub, so every
 * device pulls the same one; the wipe also drops the sync meta, so this
 * database gets a new client id and re-snapshots. Tables the hub does not
 * sync yet are still seeded here, directly, not through the outbox, because
 * it is nobody's change.
 */
export async function ensureInstall(installId: string, demo: boolean): Promise<void> {
  const current = await db.meta.get('installId');
  if (current?.value === installId) return;
  // Loaded only on a fresh install, so the generator stays out of the start-up bundle;
  // imported before the transaction, which must not wait on anything but IndexedDB.
  const switchboard = demo ? await import('../../shared/demo-switchboard') : null;
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.meta.put({ key: 'installId', value: installId });
    if (!demo) return;
    const now = new Date();
    if (switchboard) {
      await db.tenants.bulkPut(switchboard.demoTenants(now));
      await db.emergencyNumbers.bulkPut(switchboard.demoEmergencyNumbers());
      await db.tariffs.bulkPut(switchboard.demoTariffs());
    }
  });
}

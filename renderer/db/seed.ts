import { db, type VisitRow } from './schema';
import { localDay, visitTerms } from './terms';

/**
 * Makes the local database match the data folder: a new install id (a fresh
 * `FRONTDESK_DATA_DIR`, a reinstall) means fresh demo data. Until the sync hub
 * exists this is where demo data comes from; it is written directly, not
 * through the outbox, because it is nobody's change.
 */
export async function ensureInstall(installId: string, demo: boolean): Promise<void> {
  const current = await db.meta.get('installId');
  if (current?.value === installId) return;
  // Loaded only on a fresh install, so the generator stays out of the start-up bundle;
  // imported before the transaction, which must not wait on anything but IndexedDB.
  const generator = demo ? await import('../../shared/demo') : null;
  const switchboard = demo ? await import('../../shared/demo-switchboard') : null;
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.meta.put({ key: 'installId', value: installId });
    if (!generator) return;
    const now = new Date();
    const staff = generator.demoStaff(120, 1, now);
    const visits: VisitRow[] = generator.demoVisits(400, staff, 2, now, 60).map((v) => ({
      ...v,
      terms: visitTerms(v),
      day: localDay(v.signedInAt ?? v.createdAt),
    }));
    await db.staff.bulkPut(staff);
    await db.visits.bulkPut(visits);
    await db.appointments.bulkPut(generator.demoAppointments(staff, 3, now));
    await db.watchlist.bulkPut(generator.demoWatchlist(now));
    if (switchboard) {
      await db.tenants.bulkPut(switchboard.demoTenants(now));
      await db.emergencyNumbers.bulkPut(switchboard.demoEmergencyNumbers());
      await db.tariffs.bulkPut(switchboard.demoTariffs());
    }
  });
}

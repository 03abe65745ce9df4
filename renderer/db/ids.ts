/** Record ids are random UUIDs so that offline devices never collide. */
export function newId(): string {
  return crypto.randomUUID();
}

/** Badge codes are typed by people: 8 characters, no 0/O/1/I, easy to read aloud. */
const BADGE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newBadgeCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => BADGE_ALPHABET[b % BADGE_ALPHABET.length]).join('');
}

/** Appointment codes are 6 digits so that they can be typed on the kiosk's number pad (K8). */
export function newAppointmentCode(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
  return String(n).padStart(6, '0');
}

import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
// N=2^14 keeps a login under ~50 ms on a desk PC while costing an attacker 16 MiB per guess.
const PARAMS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, PARAMS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export interface PasswordHash {
  salt: string;
  hash: string;
}

/** scrypt with a fresh random salt per user. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('hex');
  const key = await derive(password.normalize('NFKC'), salt);
  return { salt, hash: key.toString('hex') };
}

/** Constant-time comparison, so response time does not leak how much of the hash matched. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const key = await derive(password.normalize('NFKC'), stored.salt);
  const expected = Buffer.from(stored.hash, 'hex');
  return expected.length === key.length && timingSafeEqual(key, expected);
}

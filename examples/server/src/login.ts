import * as crypto from 'node:crypto';
import { findUser } from './store';

/** Checks a password against the stored hash. */
export async function checkPassword(name: string, password: string): Promise<boolean> {
  const user = await findUser(name);
  if (!user) return false;
  const hash = crypto.pbkdf2Sync(password, user.salt, 310_000, 32, 'sha256');
  return crypto.timingSafeEqual(hash, user.passwordHash);
}

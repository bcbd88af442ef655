import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default) with OWASP's minimum parameters: 19 MiB, 2 passes. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);
export const verifyPassword = (hashed: string, password: string): Promise<boolean> =>
  verify(hashed, password).catch(() => false);

/** Verified against when an e-mail is unknown, so both answers take the same time. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$diakm8Fse0qXIU4nlVwSeA$wVVBoddc0fcNGwScXQmxCtkVThXI6H7vUprZlkYUIB0';

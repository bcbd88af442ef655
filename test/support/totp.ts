import { base32Decode, totpCode } from '@kernteam/auth';

/** What an authenticator app shows for the base32 secret, now or `offsetSteps` 30-second steps from now. */
export const appCode = (secret: string, offsetSteps = 0) => totpCode(base32Decode(secret), Date.now() + offsetSteps * 30_000);

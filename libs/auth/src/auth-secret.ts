import { readRuntimeConfig, RuntimeConfig } from '@kernteam/persistence';

/** `AUTH_SECRET`, which signs the tokens and keys the CSRF tokens; refused when missing or too short for HS256. */
export function authSecret(cfg: RuntimeConfig = readRuntimeConfig()): string {
  if (!cfg.authSecret || cfg.authSecret.length < 32) throw new Error('AUTH_SECRET must be set to at least 32 characters');
  return cfg.authSecret;
}

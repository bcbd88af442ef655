/**
 * openid-client 6 is an ES module; Node 20.19+ loads it with require() (the server is compiled to CommonJS). Loaded on
 * first use, so a deployment without identity providers never loads it.
 */
export type OpenId = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });

let loaded: OpenId | undefined;
export function openid(): OpenId {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('openid-client') as OpenId);
}

/**
 * @module src/http/authenticate — who is calling over HTTP. With no consumers configured the gateway runs
 * in local mode (loopback only, one built-in consumer); otherwise a bearer token (API key or JWT) is required.
 */
import type { AuthResult } from '../auth/authenticate.js';
import { ToolgateError } from '../errors.js';
import { LOCAL_CONSUMER } from '../policy/compile.js';
import type { Runtime } from '../runtime.js';
import type { Authenticator } from './app.js';
import { isLoopback } from './guard.js';

const LOCAL: AuthResult = { ok: true, consumer: LOCAL_CONSUMER, method: 'api-key' };

export function createHttpAuthenticator(runtime: Runtime, host: string): Authenticator {
  if (runtime.config.consumers.length === 0) {
    if (!isLoopback(host)) {
      throw new ToolgateError('TG_CONFIG_INVALID', `listen.host: ${host} is not a loopback address; serving beyond this machine requires consumers (authentication)`);
    }
    return async () => LOCAL;
  }
  return (header) => runtime.authenticate(header);
}

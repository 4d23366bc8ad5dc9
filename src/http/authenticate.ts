/**
 * @module src/http/authenticate — who is calling over HTTP. With no consumers configured the gateway runs
 * in local mode (loopback only, one built-in consumer); otherwise a bearer token (API key or JWT) is required.
 */
import { LOCAL_CONSUMER } from '../policy/compile.js';
import type { Runtime } from '../runtime.js';
import type { Authenticator } from './app.js';

export function createAuthenticator(runtime: Runtime): Authenticator {
  if (runtime.config.consumers.length === 0) return async () => ({ consumer: LOCAL_CONSUMER });
  return runtime.authenticate;
}

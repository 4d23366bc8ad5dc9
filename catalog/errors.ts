/**
 * @module catalog/errors — the failures the catalog raises when calling upstreams.
 * The codes are rows of the one error table in `src/errors.ts`; this module only names the ones it uses.
 */

export type CatalogErrorCode = 'TG_UPSTREAM_UNAVAILABLE' | 'TG_UPSTREAM_TIMEOUT' | 'TG_UPSTREAM_ERROR' | 'TG_TOOL_NOT_FOUND';

/** An upstream call that did not produce a result. `message` is written for the model to read. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    readonly server?: string,
  ) {
    super(message);
  }
}

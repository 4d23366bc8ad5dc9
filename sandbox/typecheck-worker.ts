/**
 * @module sandbox/typecheck-worker — the worker-thread end of `typecheck-client.ts`: answers
 * `{ id, code, declarations }` with `{ id, diagnostics }` or `{ id, failure }`.
 */
import { parentPort } from 'node:worker_threads';
import { typecheck } from './typecheck.js';

interface CheckRequest {
  readonly id: number;
  readonly code: string;
  readonly declarations: string;
}

parentPort?.on('message', (request: CheckRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, diagnostics: typecheck(request.code, request.declarations) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, failure: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * @module src/audit/log — the audit log: pino writing JSONL to `<dataDir>/audit.jsonl`, synchronously: a
 * `call` record as each tool call returns, an `execution` record (repeating its calls) when it ends.
 *
 * Every record is handed to the kernel (write(2)) before `call()`, `end()` or `event()` returns, so a process killed
 * with SIGKILL right after loses nothing it already reported to the agent. `fsync: true` additionally
 * survives a power cut, at the cost of a disk flush per record.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino, type Logger } from 'pino';
import type { ErrorCode } from '../errors.js';
import { sha256Hex } from './args.js';
import { pruneRotated, rotatedName } from './rotation.js';
import { AUDIT_FILE, type AuditCallEntry, type AuditCallRecord, type AuditEventRecord, type AuditExecutionRecord } from './types.js';

export interface AuditLogOptions {
  readonly dataDir: string;
  /** fsync after each record; default false (write(2) already survives SIGKILL). */
  readonly fsync?: boolean;
  /** Called when a write fails (disk full, file removed); default: one line on stderr. Never throws into callers. */
  readonly onError?: (error: Error) => void;
  /** Rotate when the live file reaches this many bytes (0: never). */
  readonly rotateBytes?: number;
  /** Rotated files to keep, deleting the oldest beyond (0: keep all). */
  readonly keepFiles?: number;
}

export interface ExecutionStart {
  readonly executionId: string;
  readonly consumer: string;
  readonly session?: string;
  readonly code: string;
  /** The code as the execution record keeps it (redacted, capped); absent when only its hash is kept. */
  readonly codeText?: { readonly text: string; readonly truncated: boolean };
}

/** One execution's trail: each call is written as it happens; `end()` writes the execution record. */
export interface ExecutionAudit {
  readonly executionId: string;
  /** Writes a `call` record now (on disk when this returns) and keeps the entry for the execution record; `seq` in call order. */
  call(entry: Omit<AuditCallEntry, 'seq'>): AuditCallEntry;
  end(result: { outcome: 'ok' | 'error'; errorCode?: ErrorCode }): AuditExecutionRecord;
}

export interface AuditLog {
  readonly file: string;
  begin(start: ExecutionStart): ExecutionAudit;
  event(record: AuditEventRecord): void;
  close(): void;
}

export function auditFilePath(dataDir: string): string {
  return join(dataDir, AUDIT_FILE);
}

export function openAuditLog(options: AuditLogOptions): AuditLog {
  mkdirSync(options.dataDir, { recursive: true });
  const file = auditFilePath(options.dataDir);
  // Fails here, at start, with the path in the message if the file cannot be opened for appending.
  appendFileSync(file, '');
  const report = options.onError ?? ((e: Error) => process.stderr.write(`audit log ${file}: ${e.message}\n`));
  const destination = pino.destination({ dest: file, sync: true, fsync: options.fsync ?? false, mkdir: true });
  // sonic-boom reports write failures as 'error' events; unhandled, one would end the process.
  destination.on('error', (error: Error) => report(error));
  // Bytes in the live file, counted as lines are handed to the destination (no stat per record).
  let liveBytes = statSync(file).size;
  const counted = {
    write(line: string): void {
      liveBytes += Buffer.byteLength(line);
      destination.write(line);
    },
  };
  const logger: Logger = pino(
    {
      base: null, // no pid/hostname: records are about executions, not processes
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    counted,
  );
  let closed = false;
  const rotateBytes = options.rotateBytes ?? 0;

  function write(record: object): void {
    if (closed) throw new Error(`audit log ${file} is closed`);
    logger.info(record);
    if (rotateBytes > 0 && liveBytes >= rotateBytes) rotate();
  }

  /** The live file moves aside under a time-stamped name; a new one starts with a record naming it. */
  function rotate(): void {
    try {
      destination.flushSync();
      const previous = rotatedName(options.dataDir, new Date());
      renameSync(file, join(options.dataDir, previous));
      destination.reopen(); // sync destination: the next write goes to a new audit.jsonl
      liveBytes = 0;
      const pruned = pruneRotated(options.dataDir, options.keepFiles ?? 0);
      logger.info({ kind: 'audit-rotated', previous, ...(pruned.length > 0 ? { pruned } : {}) });
    } catch (error) {
      // A failed rotation keeps writing to the file it has: nothing is lost, it only grows.
      report(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return {
    file,
    begin(start) {
      const startedAt = new Date().toISOString();
      const t0 = performance.now();
      const calls: AuditCallEntry[] = [];
      let ended = false;
      return {
        executionId: start.executionId,
        call(entry) {
          if (ended) throw new Error(`execution ${start.executionId} was already audited`);
          const full: AuditCallEntry = { seq: calls.length, ...entry };
          calls.push(full);
          const record: AuditCallRecord = {
            kind: 'call',
            executionId: start.executionId,
            consumer: start.consumer,
            ...(start.session !== undefined ? { session: start.session } : {}),
            ...full,
          };
          write(record);
          return full;
        },
        end(result) {
          if (ended) throw new Error(`execution ${start.executionId} was already audited`);
          ended = true;
          const record: AuditExecutionRecord = {
            kind: 'execution',
            executionId: start.executionId,
            consumer: start.consumer,
            ...(start.session !== undefined ? { session: start.session } : {}),
            code: {
              sha256: sha256Hex(start.code),
              bytes: Buffer.byteLength(start.code),
              ...(start.codeText === undefined ? {} : { text: start.codeText.text, ...(start.codeText.truncated ? { truncated: true } : {}) }),
            },
            startedAt,
            durationMs: Math.round((performance.now() - t0) * 1000) / 1000,
            outcome: result.outcome,
            ...(result.errorCode !== undefined ? { errorCode: result.errorCode } : {}),
            calls,
          };
          write(record);
          return record;
        },
      };
    },
    event: write,
    close() {
      if (closed) return;
      closed = true;
      destination.flushSync();
      destination.end();
    },
  };
}

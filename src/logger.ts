/**
 * @module src/logger — the process logger. Logs go to stderr, always: in stdio mode stdout carries the
 * protocol. JSON lines for machines (a log shipper, a file, a pipe); readable lines when a person watches
 * the terminal. pino-pretty does the rendering, synchronously, so the last lines before a crash are kept.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { ToolgateError } from './errors.js';

export type LogFormat = 'json' | 'pretty';

export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export interface LoggerOptions {
  /** pino level name; `TOOLGATE_LOG_LEVEL`, else `info`. */
  readonly level?: string;
  /** `TOOLGATE_LOG_FORMAT`, else `pretty` when stderr is a terminal and `json` otherwise. */
  readonly format?: LogFormat;
  /** Where lines go; stderr when omitted. */
  readonly destination?: NodeJS.WritableStream;
}

/** The format asked for by the environment, or the default for this stderr. */
export function logFormatFromEnv(env: NodeJS.ProcessEnv = process.env, isTty = process.stderr.isTTY === true): LogFormat {
  const asked = env.TOOLGATE_LOG_FORMAT;
  if (asked === undefined || asked === '') return isTty ? 'pretty' : 'json';
  if ((LOG_FORMATS as readonly string[]).includes(asked)) return asked as LogFormat;
  throw new ToolgateError('TG_CONFIG_INVALID', `TOOLGATE_LOG_FORMAT: expected ${LOG_FORMATS.join(' or ')}, got ${JSON.stringify(asked)}`);
}

/** pino's own level names, `silent` included. */
function checkedLevel(level: string): string {
  if (level === 'silent' || Object.hasOwn(pino.levels.values, level)) return level;
  const names = [...Object.keys(pino.levels.values), 'silent'].join(', ');
  throw new ToolgateError('TG_CONFIG_INVALID', `TOOLGATE_LOG_LEVEL: expected one of ${names}, got ${JSON.stringify(level)}`);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = checkedLevel(options.level ?? (process.env.TOOLGATE_LOG_LEVEL || 'info'));
  const format = options.format ?? logFormatFromEnv();
  const base = { name: 'toolgate', level };
  if (format === 'json') return pino(base, options.destination ?? pino.destination({ fd: 2, sync: true }));
  const stream = pretty({
    destination: options.destination ?? 2,
    sync: true,
    colorize: options.destination === undefined && process.stderr.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,name',
    singleLine: true,
  });
  return pino(base, stream);
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ToolgateError } from '../../src/errors.js';
import { createLogger, logFormatFromEnv } from '../../src/logger.js';

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('process logger', () => {
  it('writes one JSON object per line in json format', () => {
    const out = sink();
    createLogger({ format: 'json', level: 'info', destination: out.stream }).info({ readyMs: 12 }, 'serving');
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ name: 'toolgate', level: 30, readyMs: 12, msg: 'serving' });
  });

  it('writes readable lines in pretty format: level, message and fields, no JSON object, no colour codes', () => {
    const out = sink();
    createLogger({ format: 'pretty', level: 'info', destination: out.stream }).warn({ server: 'jira' }, 'upstream slow');
    const text = out.text();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: upstream slow {"server":"jira"}\n$/);
    expect(text).not.toContain('\u001b[');
  });

  it('leaves out records below the level', () => {
    const out = sink();
    const logger = createLogger({ format: 'json', level: 'warn', destination: out.stream });
    logger.info('quiet');
    logger.error('loud');
    expect(out.text().trim().split('\n')).toHaveLength(1);
  });

  it('picks pretty for a terminal and json otherwise, unless TOOLGATE_LOG_FORMAT says', () => {
    expect(logFormatFromEnv({}, true)).toBe('pretty');
    expect(logFormatFromEnv({}, false)).toBe('json');
    expect(logFormatFromEnv({ TOOLGATE_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormatFromEnv({ TOOLGATE_LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('rejects an unknown format or level with TG_CONFIG_INVALID naming the variable', () => {
    expect(() => logFormatFromEnv({ TOOLGATE_LOG_FORMAT: 'xml' }, false)).toThrow(/TOOLGATE_LOG_FORMAT: expected json or pretty, got "xml"/);
    let caught: unknown;
    try {
      createLogger({ format: 'json', level: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ToolgateError);
    expect((caught as ToolgateError).code).toBe('TG_CONFIG_INVALID');
    expect((caught as ToolgateError).message).toContain('TOOLGATE_LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "loud"');
  });
});

/**
 * @module catalog/server-common — the config fields every upstream kind shares (stdio, http, sse, and
 * others such as openapi), kept in one module so each kind's schema spreads them instead of repeating them.
 */
import { z } from 'zod';
import { SERVER_ID_PATTERN } from './types.js';

export const DEFAULT_CALL_TIMEOUT_MS = 30_000; // 30 s: an upstream call slower than this is TG_UPSTREAM_TIMEOUT
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000; // 15 s to connect and list tools

export const DomainSchema = z
  .string()
  .regex(/^(\*\.)?[a-z0-9.-]+$/i, 'expected a domain name such as api.slack.com or *.atlassian.net');

/** Spread into each kind's `z.object({...}).strict()`. */
export const commonServerFields = {
  id: z.string().regex(SERVER_ID_PATTERN, 'expected a server id: lower-case letters, digits, _ and -, no dots'),
  title: z.string().optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  version: z.string().optional(),
  status: z.enum(['approved', 'pending', 'deprecated', 'blocked']).default('approved'),
  tags: z.array(z.string()).default([]),
  /** Domains the server reaches on the caller's behalf; an HTTP upstream's host is implied. */
  egress: z.array(DomainSchema).default([]),
  /** New tools on an approved server are usable without review. */
  autoApproveNewTools: z.boolean().default(false),
  callTimeoutMs: z.number().int().positive().default(DEFAULT_CALL_TIMEOUT_MS),
  connectTimeoutMs: z.number().int().positive().default(DEFAULT_CONNECT_TIMEOUT_MS),
  /** Calls a minute this upstream takes from all consumers together (its own API limits); unlimited when omitted. */
  rateLimitPerMinute: z.number().int().positive().optional(),
};

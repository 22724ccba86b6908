/**
 * The module's REST contract for POST /V1/bandeau/calls, read from test/contract (README table and
 * example files) at run time, never restated here: the endpoint stand-in and the tests check
 * records against it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CONTRACT_DIR = path.resolve(__dirname, '../../../contract');

export function contractFile<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(CONTRACT_DIR, name), 'utf8')) as T;
}

export type FieldRule =
  | { type: 'string'; min: number; max: number | null; enum: string[] | null }
  | { type: 'string[]' }
  | { type: 'int'; min: number };

export interface CallContract {
  fields: Map<string, FieldRule>;
  required: string[];
  /** Field order of the example request (Magento outputs getters in interface order). */
  order: string[];
  example: Record<string, unknown>;
  exampleResponse: Record<string, unknown>;
  errorExample: { message: string; parameters: Record<string, string> };
}

/** Parses the "call record" table and the "required" rule of test/contract/README.md. */
export function loadCallContract(): CallContract {
  const readme = readFileSync(path.join(CONTRACT_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The call record'), readme.indexOf('Rules:'));
  const fields = new Map<string, FieldRule>();
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4 || !cells[1]?.startsWith('`')) continue;
    const names = [...cells[1].matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string);
    const type = (cells[2] ?? '').replace(/\\\|/g, '|');
    let rule: FieldRule;
    if (type.startsWith('string[]')) rule = { type: 'string[]' };
    else if (type.startsWith('int')) rule = { type: 'int', min: /≥\s*0/.test(type) ? 0 : 1 };
    else if (type.startsWith('`')) rule = { type: 'string', min: 1, max: null, enum: [...type.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string) };
    else if (type.startsWith('string')) {
      const range = /(\d+)\s*[–-]\s*(\d+)/.exec(type);
      const max = /≤\s*(\d+)/.exec(type);
      rule = { type: 'string', min: range ? Number(range[1]) : 0, max: range ? Number(range[2]) : max ? Number(max[1]) : null, enum: null };
    } else throw new Error(`contract README: unknown type ${JSON.stringify(type)} for ${names.join(', ')}`);
    for (const n of names) fields.set(n, rule);
  }
  const requiredLine = readme.split('\n').find((l) => /are required in an upsert/.test(l)) ?? '';
  const required = [...requiredLine.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string);
  const example = contractFile<{ call: Record<string, unknown> }>('calls.upsert.request.json').call;
  const order = Object.keys(example);
  if (fields.size !== order.length || order.some((k) => !fields.has(k))) {
    throw new Error(`contract README table (${[...fields.keys()].join(',')}) and calls.upsert.request.json (${order.join(',')}) disagree`);
  }
  if (required.length === 0) throw new Error('contract README: no "are required in an upsert" rule found');
  return {
    fields,
    required,
    order,
    example,
    exampleResponse: contractFile('calls.upsert.response.json'),
    errorExample: contractFile('error.response.json'),
  };
}

/** First contract violation of a POST body, as [field, value] for Magento's error message; null if valid. */
export function violation(contract: CallContract, body: unknown): [string, string] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body', typeof body];
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'call') return ['body', keys.join(',')];
  const call = (body as { call: unknown }).call;
  if (typeof call !== 'object' || call === null || Array.isArray(call)) return ['call', typeof call];
  const rec = call as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec)) {
    const rule = contract.fields.get(k);
    if (!rule) return [k, 'unknown field'];
    if (v === null) continue;
    const shown = typeof v === 'string' ? v : JSON.stringify(v);
    if (rule.type === 'string[]') {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return [k, shown];
    } else if (rule.type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < rule.min) return [k, shown];
    } else {
      if (typeof v !== 'string' || v.length < rule.min || (rule.max !== null && v.length > rule.max)) return [k, shown];
      if (rule.enum && !rule.enum.includes(v)) return [k, shown];
      if (k.endsWith('_at') && Number.isNaN(Date.parse(v))) return [k, shown];
      if (k === 'recording_url' && !/^https?:\/\//i.test(v)) return [k, shown];
    }
  }
  for (const r of contract.required) if (rec[r] === undefined || rec[r] === null || rec[r] === '') return [r, ''];
  return null;
}

/** A record as Magento answers it: stored fields in interface order, null ones left out. */
export function asResponse(contract: CallContract, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of contract.order) if (stored[k] !== null && stored[k] !== undefined) out[k] = stored[k];
  return out;
}

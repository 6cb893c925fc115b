// The config file: found by walking up from the cwd (or given with `--config`), its YAML
// read and validated key by key into a Config. Every bad key or value is a UsageError
// naming the file, line and key. The validators are shared with the CLI flags and the
// Action inputs, which accept the same values.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { rules as registry } from '../rules/index';
import { UsageError } from './errors';
import { FRAMEWORK_NAMES, type FrameworkName } from './frameworks/types';
import { whyNotAFile } from './migrations/decode';
import type { FailOn, LayoutName, Level, Severity, StatsThresholds } from './types';
import type { Dialect, Rule } from './lint/rule';
import { DEFAULT_THRESHOLDS } from './stats/annotate';
import { CONFIG_FILE_NAMES, defaultConfig, FAIL_ON, LAYOUTS, PG_VERSIONS, SEVERITIES, type Config, type FrameworkConfig } from './config';
import { DATABASE_CHOICES, type DatabaseChoice } from './verify/databases/types';
import { globToRegExp } from './glob';
import { didYouMean } from './did-you-mean';

/** The nearest config file from `cwd` upwards (stopping at the repository root), if any. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    // A config above the repository would belong to another project.
    if (existsSync(join(dir, '.git'))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Load the config: `file` if given (must exist), else the nearest one from `cwd`, else defaults. */
export function loadConfig(options: { cwd?: string; file?: string; rules?: readonly Rule[] } = {}): Config {
  const cwd = resolve(options.cwd ?? process.cwd());
  let file: string | undefined;
  if (options.file) {
    file = resolve(cwd, options.file);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${options.file}`);
    if (statSync(file).isDirectory()) throw new UsageError(`config file is a directory: ${options.file}`);
  } else {
    file = findConfigFile(cwd);
  }
  if (!file) return defaultConfig(cwd);
  const special = whyNotAFile(file); // a FIFO would block readFileSync forever
  if (special) throw new UsageError(`cannot read config file ${displayPath(file, cwd)}: ${special}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config file ${displayPath(file, cwd)}: ${(err as Error).message}`);
  }
  return parseConfig(text, { file, displayName: displayPath(file, cwd), rules: options.rules });
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

const TOP_KEYS = [
  'rules',
  'pgVersion',
  'dialect',
  'sqliteVersion',
  'failOn',
  'ignore',
  'assumeInTransaction',
  'layout',
  'paths',
  'lintDown',
  'deployTogether',
  'verify',
  'stats',
  'framework',
] as const;
const FRAMEWORK_KEYS = ['name', 'cwd', 'migrate', 'rollback', 'env', 'timeout', 'sqlLog'] as const;
const STATS_KEYS = ['file', 'thresholds'] as const;
const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as (keyof StatsThresholds)[];
const VERIFY_KEYS = ['database', 'databaseUrl', 'postgresImage', 'seedRows', 'statementTimeout', 'allowHostAccess', 'setup', 'templateVars', 'downs'] as const;

/** Parse and validate config YAML. `file` is its absolute path (its folder becomes the root). */
export function parseConfig(text: string, options: { file: string; displayName?: string; rules?: readonly Rule[] }): Config {
  const name = options.displayName ?? options.file;
  const allRules = options.rules ?? registry;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const fail = (message: string, node?: unknown): never => {
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const line = offset !== undefined ? `:${lineCounter.linePos(offset).line}` : '';
    throw new UsageError(`${name}${line}: ${message}`);
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new UsageError(`${name}${line ? `:${line}` : ''}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const config = defaultConfig(dirname(options.file));
  config.file = options.file;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return config;
  if (!isMap(root)) fail('the config must be a mapping of settings (e.g. `failOn: warning`)', root);
  const ruleIds = allRules.map((r) => r.meta.id);

  for (const pair of (root as YAMLMap<unknown, unknown>).items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const value = pair.value;
    const js = toJs(doc, value);
    switch (key) {
      case 'rules': {
        if (js === null || js === undefined) break;
        if (!isMap(value)) fail('rules: expected a mapping of rule id to error|warning|info|off|on', value);
        for (const rp of (value as YAMLMap<unknown, unknown>).items) {
          const id = String(isScalar(rp.key) ? rp.key.value : rp.key);
          const rule = allRules.find((r) => r.meta.id === id);
          if (!rule) {
            const ours = allRules.filter((r) => r.meta.squawk?.includes(id)).map((r) => r.meta.id);
            const hint = ours.length ? ` (that is squawk's name; ours: ${ours.join(', ')})` : didYouMean(id, ruleIds);
            fail(`rules.${id}: unknown rule "${id}"${hint}`, rp.key);
          }
          const level = isScalar(rp.value) ? rp.value.value : undefined;
          // YAML 1.1 habits: `off`/`on` may arrive as booleans.
          const normalized = level === false ? 'off' : level === true ? 'on' : level;
          if (normalized === 'on') config.rules[id] = rule!.meta.severity;
          else if (normalized === 'off' || SEVERITIES.includes(normalized as Severity)) config.rules[id] = normalized as Level;
          else fail(`rules.${id}: expected error, warning, info, off or on, got ${show(toJs(doc, rp.value))}`, rp.value ?? rp.key);
        }
        break;
      }
      case 'pgVersion':
        config.pgVersion = checkPgVersion(js, (m) => fail(`pgVersion: ${m}`, value));
        config.pgVersionGiven = true;
        break;
      case 'dialect':
        config.dialect = checkDialect(js, (m) => fail(`dialect: ${m}`, value));
        break;
      case 'sqliteVersion':
        config.sqliteVersion = checkSqliteVersion(js, (m) => fail(`sqliteVersion: ${m}`, value));
        break;
      case 'failOn':
        if (!FAIL_ON.includes(js as FailOn)) fail(`failOn: expected one of ${FAIL_ON.join(', ')}, got ${show(js)}`, value);
        config.failOn = js as FailOn;
        break;
      case 'ignore':
      case 'paths': {
        const list = typeof js === 'string' ? [js] : js;
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x.length > 0)) {
          fail(`${key}: expected a list of paths${key === 'ignore' ? ' or globs' : ''}, got ${show(js)}`, value);
        }
        if (key === 'ignore') {
          for (const g of list as string[]) {
            try {
              globToRegExp(g);
            } catch (err) {
              fail(`ignore: bad glob ${show(g)}: ${(err as Error).message}`, value);
            }
          }
        }
        config[key] = list as string[];
        break;
      }
      case 'assumeInTransaction':
      case 'lintDown':
      case 'deployTogether':
        if (typeof js !== 'boolean') fail(`${key}: expected true or false, got ${show(js)}`, value);
        config[key] = js as boolean;
        break;
      case 'layout':
        if (js !== 'auto' && !LAYOUTS.includes(js as LayoutName)) fail(`layout: expected auto or one of ${LAYOUTS.join(', ')}, got ${show(js)}${didYouMean(String(js), [...LAYOUTS])}`, value);
        config.layout = js as LayoutName | 'auto';
        break;
      case 'verify': {
        if (js === null || js === undefined) break;
        if (!isMap(value)) fail('verify: expected a mapping (database, databaseUrl, postgresImage, seedRows, statementTimeout)', value);
        for (const vp of (value as YAMLMap<unknown, unknown>).items) {
          const vkey = String(isScalar(vp.key) ? vp.key.value : vp.key);
          const v = toJs(doc, vp.value);
          const vfail = (m: string) => fail(`verify.${vkey}: ${m}`, vp.value ?? vp.key);
          switch (vkey) {
            case 'database':
              config.verify.database = checkDatabase(v, vfail);
              break;
            case 'databaseUrl':
              config.verify.databaseUrl = checkDatabaseUrl(v, vfail);
              break;
            case 'postgresImage':
              if (typeof v !== 'string' || !v.trim()) vfail(`expected an image name like postgres:17, got ${show(v)}`);
              config.verify.postgresImage = v as string;
              break;
            case 'seedRows':
              config.verify.seedRows = checkInt(v, 0, 1_000_000, vfail);
              break;
            case 'statementTimeout':
              config.verify.statementTimeout = checkInt(v, 1, 86_400_000, vfail);
              break;
            case 'allowHostAccess':
              if (typeof v !== 'boolean') vfail(`expected true or false, got ${show(v)}`);
              config.verify.allowHostAccess = v as boolean;
              break;
            case 'setup':
              if (typeof v !== 'string' || !v.trim()) vfail(`expected SQL text (e.g. "CREATE ROLE anon;"), got ${show(v)}`);
              config.verify.setup = v as string;
              break;
            case 'templateVars':
              config.verify.templateVars = checkTemplateVars(v, vfail);
              break;
            case 'downs':
              if (v !== 'each' && v !== 'chain') vfail(`expected each or chain, got ${show(v)}`);
              config.verify.downs = v as 'each' | 'chain';
              break;
            default:
              fail(`verify.${vkey}: unknown setting${didYouMean(vkey, [...VERIFY_KEYS])}; expected one of ${VERIFY_KEYS.join(', ')}`, vp.key);
          }
        }
        break;
      }
      case 'stats': {
        if (js === null || js === undefined) break;
        if (typeof js === 'string') {
          if (!js.trim()) fail('stats: expected the path of a stats file', value);
          config.stats.file = resolve(config.root, js);
          break;
        }
        if (!isMap(value)) fail(`stats: expected a stats file path or a mapping (${STATS_KEYS.join(', ')}), got ${show(js)}`, value);
        for (const sp of (value as YAMLMap<unknown, unknown>).items) {
          const skey = String(isScalar(sp.key) ? sp.key.value : sp.key);
          const v = toJs(doc, sp.value);
          if (skey === 'file') {
            if (typeof v !== 'string' || !v.trim()) fail(`stats.file: expected the path of a stats file, got ${show(v)}`, sp.value ?? sp.key);
            config.stats.file = resolve(config.root, v as string);
          } else if (skey === 'thresholds') {
            if (v === null) continue;
            if (!isMap(sp.value)) fail(`stats.thresholds: expected a mapping (${THRESHOLD_KEYS.join(', ')}), got ${show(v)}`, sp.value);
            for (const tp of (sp.value as YAMLMap<unknown, unknown>).items) {
              const tkey = String(isScalar(tp.key) ? tp.key.value : tp.key) as keyof StatsThresholds;
              if (!THRESHOLD_KEYS.includes(tkey)) fail(`stats.thresholds.${tkey}: unknown setting${didYouMean(tkey, THRESHOLD_KEYS)}; expected one of ${THRESHOLD_KEYS.join(', ')}`, tp.key);
              config.stats.thresholds[tkey] = checkInt(toJs(doc, tp.value), 0, Number.MAX_SAFE_INTEGER, (m) => fail(`stats.thresholds.${tkey}: ${m}`, tp.value ?? tp.key));
            }
          } else fail(`stats.${skey}: unknown setting${didYouMean(skey, [...STATS_KEYS])}; expected one of ${STATS_KEYS.join(', ')}`, sp.key);
        }
        break;
      }
      case 'framework':
        if (js === null || js === undefined) break;
        config.framework = checkFramework(js, (m, at) => fail(`framework${at ? `.${at}` : ''}: ${m}`, value));
        break;
      default:
        fail(`${key}: unknown setting${didYouMean(key, [...TOP_KEYS])}; expected one of ${TOP_KEYS.join(', ')}`, pair.key);
    }
  }
  return config;
}

function toJs(doc: Document, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  if (isSeq(node) || isMap(node)) return node.toJSON(doc);
  return node;
}

function show(v: unknown): string {
  return v === null || v === undefined ? 'nothing' : JSON.stringify(v);
}

/** Validate a Postgres major version (number or numeric string). */
export function checkPgVersion(v: unknown, fail: (message: string) => never): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < PG_VERSIONS.min || n > PG_VERSIONS.max) {
    return fail(`expected a Postgres major version from ${PG_VERSIONS.min} to ${PG_VERSIONS.max}, got ${show(v)}`);
  }
  return n;
}

/** Validate a dialect name. */
export function checkDialect(v: unknown, fail: (message: string) => never): Dialect {
  if (v !== 'postgres' && v !== 'sqlite') return fail(`expected postgres or sqlite, got ${show(v)}`);
  return v;
}

/** Validate a SQLite version (`3.35`, `3.35.5`); YAML may read `3.35` as a number. */
export function checkSqliteVersion(v: unknown, fail: (message: string) => never): string {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !/^3\.\d{1,2}(\.\d{1,2})?$/.test(text.trim())) return fail(`expected a SQLite 3 version such as 3.35 or 3.35.5, got ${show(v)}`);
  return text.trim();
}

/** Validate an integer in [min, max] (number or numeric string). */
export function checkInt(v: unknown, min: number, max: number, fail: (message: string) => never): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return fail(`expected a whole number from ${min} to ${max}, got ${show(v)}`);
  return n;
}

/** Validate a verify database kind. */
export function checkDatabase(v: unknown, fail: (message: string) => never): DatabaseChoice {
  if (!DATABASE_CHOICES.includes(v as DatabaseChoice)) return fail(`expected one of ${DATABASE_CHOICES.join(', ')}, got ${show(v)}${didYouMean(String(v), [...DATABASE_CHOICES])}`);
  return v as DatabaseChoice;
}

/** Validate template values: a mapping of placeholder name to a one-line string (numbers and booleans are taken as written). */
export function checkTemplateVars(v: unknown, fail: (message: string) => never): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(`expected a mapping of placeholder name to value (e.g. Namespace: auth), got ${show(v)}`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!['string', 'number', 'boolean'].includes(typeof val)) fail(`${k}: expected a value, got ${show(val)}`);
    const text = String(val);
    if (/[\r\n]/.test(text)) fail(`${k}: a value must be one line (line numbers in findings stay true)`);
    out[k] = text;
  }
  return out;
}

/** Validate `framework:`: a framework name, or a mapping of name, cwd, migrate, rollback, env, timeout, sqlLog. */
export function checkFramework(v: unknown, fail: (message: string, at?: string) => never): FrameworkConfig {
  const name = (n: unknown): FrameworkName => {
    if (!FRAMEWORK_NAMES.includes(n as FrameworkName)) fail(`expected one of ${FRAMEWORK_NAMES.join(', ')}, got ${show(n)}${didYouMean(String(n), [...FRAMEWORK_NAMES])}`, 'name');
    return n as FrameworkName;
  };
  if (typeof v === 'string') return { name: name(v) };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(`expected a framework name or a mapping (${FRAMEWORK_KEYS.join(', ')}), got ${show(v)}`);
  const out: FrameworkConfig = {};
  for (const [k, val] of Object.entries(v)) {
    const text = () => {
      if (typeof val !== 'string' || !val.trim()) fail(`expected text, got ${show(val)}`, k);
      return val;
    };
    if (k === 'name') out.name = name(val);
    else if (k === 'cwd' || k === 'migrate' || k === 'rollback' || k === 'sqlLog') out[k] = text();
    else if (k === 'timeout') out.timeout = checkInt(val, 1, 86_400, (m) => fail(`${m} (seconds)`, k));
    else if (k === 'env') {
      if (!val || typeof val !== 'object' || Array.isArray(val)) fail(`expected a mapping of variable to value, got ${show(val)}`, k);
      out.env = Object.fromEntries(Object.entries(val as object).map(([ek, ev]) => [ek, String(ev)]));
    } else fail(`unknown setting${didYouMean(k, [...FRAMEWORK_KEYS])}; expected one of ${FRAMEWORK_KEYS.join(', ')}`, k);
  }
  return out;
}

/** Validate a postgres:// URL. */
export function checkDatabaseUrl(v: unknown, fail: (message: string) => never): string {
  if (typeof v !== 'string' || !/^postgres(ql)?:\/\//.test(v))
    return fail(`expected a postgres:// or postgresql:// URL, got ${typeof v === 'string' ? JSON.stringify(v.replace(/:[^:@/]*@/, ':***@')) : show(v)}`);
  return v;
}

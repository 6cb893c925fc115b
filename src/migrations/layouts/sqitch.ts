// Sqitch: `sqitch.plan` lists changes in deploy order; each change has
// `deploy/<change>.sql`, `revert/<change>.sql` (its down) and `verify/<change>.sql`.
// A reworked change appears several times in the plan: the latest entry uses
// `<change>.sql`, each earlier one `<change>@<tag>.sql`, the tag being the first
// tag after that entry for which the file exists (App::Sqitch::Plan::Change
// `path_segments` / `rework_tags`). One folder may hold several projects (one
// `sqitch.plan` each, chef-server has four, one nested in another); they are
// ordered so that a project deploys after those its changes depend on
// (`[other_project:change]`), otherwise by path.
//
// Transactions: Sqitch does not wrap scripts in a transaction; its PostgreSQL
// engine runs each script with `psql --file` (App::Sqitch::Engine::pg `run_file`)
// and the generated templates carry their own `BEGIN;` / `COMMIT;` (sqitch-pg docs
// "sqitchtutorial": "the BEGIN and COMMIT … make this change atomic").
// Not one query: psql sends each statement of the file separately.
//
// `sqitch.conf` (git-config syntax) may move things: `top_dir`, `plan_file`,
// `deploy_dir`, `revert_dir`, `verify_dir` and `extension`, each looked up in
// `target.<name>` (the target named by `core.target` / `engine.pg.target`), then
// `engine.pg` (or the deprecated `core.pg`), then `core`; defaults `.`,
// `<top_dir>/sqitch.plan`, `<top_dir>/deploy`… and `sql`, paths relative to the
// folder holding sqitch.conf (App::Sqitch::Target `_fetch` and the `top_dir`,
// `plan_file`, `deploy_dir` attributes). A folder with only a sqitch.conf whose plan
// file exists is a project too.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { displayPath, readSqlFile, readText, unreadableFinding, type Listing } from '../files';

/** Where a sqitch project keeps its plan and scripts (absolute paths) and the script extension. */
export interface SqitchPaths {
  plan: string;
  deploy: string;
  revert: string;
  verify: string;
  extension: string;
}

/** Parse git-config text into `section[.subsection].key` → value (keys lower-cased, last one wins). */
export function parseGitConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([\w.-]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (head) {
      section = head[1].toLowerCase() + (head[2] !== undefined ? `.${head[2]}` : '');
      continue;
    }
    const kv = /^([\w-]+)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv || !section) continue;
    let value = (kv[2] ?? 'true').replace(/\s+[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    out.set(`${section}.${kv[1].toLowerCase()}`, value);
  }
  return out;
}

/** The plan and script folders of the sqitch project rooted at `dir`, honouring its sqitch.conf. */
export function sqitchPaths(dir: string): SqitchPaths {
  const confPath = join(dir, 'sqitch.conf');
  const r = existsSync(confPath) ? readText(confPath, confPath) : undefined;
  const conf = r?.ok ? parseGitConfig(r.text) : new Map<string, string>();
  const engine = conf.get('core.engine') ?? 'pg';
  const targetName = conf.get('core.target') ?? conf.get(`engine.${engine}.target`);
  const target = targetName && !targetName.includes(':') ? targetName : undefined;
  const fetch = (key: string) =>
    (target ? conf.get(`target.${target}.${key}`) : undefined) || conf.get(`engine.${engine}.${key}`) || conf.get(`core.${engine}.${key}`) || conf.get(`core.${key}`) || undefined;
  const top = resolve(dir, fetch('top_dir') ?? '.');
  const at = (key: string, fallback: string) => {
    const v = fetch(key);
    return v ? resolve(dir, v) : fallback;
  };
  return {
    plan: at('plan_file', join(top, 'sqitch.plan')),
    deploy: at('deploy_dir', join(top, 'deploy')),
    revert: at('revert_dir', join(top, 'revert')),
    verify: at('verify_dir', join(top, 'verify')),
    extension: fetch('extension') ?? 'sql',
  };
}

/** One line of a plan: a change (with its dependencies) or a tag. */
export type PlanItem = { kind: 'change'; name: string; requires: string[]; line: number } | { kind: 'tag'; name: string; line: number };

/** A parsed sqitch.plan. */
export interface Plan {
  project: string;
  items: PlanItem[];
}

/** Parse the text of a sqitch.plan (pragmas, changes, tags; notes and blank lines skipped). */
export function parsePlan(text: string): Plan {
  let project = '';
  const items: PlanItem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const pragma = /^%\s*project\s*=\s*(\S+)/.exec(line);
    if (pragma) project = pragma[1]!;
    if (line.startsWith('%')) return;
    if (line.startsWith('@')) {
      items.push({ kind: 'tag', name: line.slice(1).split(/\s/)[0], line: i + 1 });
      return;
    }
    const m = /^[+-]?\s*([^\s[]+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) return;
    const requires = (m[2] ?? '').split(/\s+/).filter((d) => d && !d.startsWith('!'));
    items.push({ kind: 'change', name: m[1], requires, line: i + 1 });
  });
  return { project, items };
}

/** The script stem for each change entry of a plan, resolving reworked changes to `name@tag`. */
export function scriptStems(plan: Plan, deployDir: string, extension = 'sql'): string[] {
  const stems: string[] = [];
  const items = plan.items;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'change') continue;
    const next = items.findIndex((x, j) => j > i && x.kind === 'change' && x.name === it.name);
    if (next < 0) {
      stems.push(it.name);
      continue;
    }
    const tags = items
      .slice(i + 1, next)
      .filter((x) => x.kind === 'tag')
      .map((x) => x.name);
    const existing = tags.find((t) => existsSync(join(deployDir, `${it.name}@${t}.${extension}`)));
    stems.push(`${it.name}@${existing ?? tags[0] ?? ''}`);
  }
  return stems;
}

export const sqitch: Layout = {
  name: 'sqitch',
  supportsDown: true,
  ownSubdirs: ['deploy', 'revert', 'verify'],
  ownedSubdirs(dir: string) {
    // Folders sqitch.conf points into belong to this project (top_dir = db: db/sqitch.plan is not another one).
    const p = sqitchPaths(dir);
    return [p.plan, p.deploy, p.revert, p.verify].map((x) => relative(dir, x).split(/[\\/]/)[0]).filter((x) => x && x !== '..' && x !== 'sqitch.plan');
  },
  detect(dir: string, listing: Listing) {
    if (listing.files.includes('sqitch.plan')) return { evidence: { layout: 'sqitch', what: 'sqitch.plan' }, files: [] };
    if (!listing.files.includes('sqitch.conf') || !existsSync(sqitchPaths(dir).plan)) return null;
    return { evidence: { layout: 'sqitch', what: 'sqitch.conf and its plan file' }, files: [] };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING.sqitch };
    const paths = sqitchPaths(dir);
    const planText = readText(paths.plan, displayPath(paths.plan, ctx));
    if (!planText.ok) {
      result.findings.push(planText.finding);
      return result;
    }
    const plan = parsePlan(planText.text);
    const planName = relative(dir, paths.plan).split('\\').join('/');
    const stems = scriptStems(plan, paths.deploy, paths.extension);
    const changes = plan.items.filter((x): x is Extract<PlanItem, { kind: 'change' }> => x.kind === 'change');
    changes.forEach((change, index) => {
      const stem = stems[index];
      const deployPath = join(paths.deploy, `${stem}.${paths.extension}`);
      if (!existsSync(deployPath)) {
        result.findings.push(unreadableFinding(displayPath(deployPath, ctx), `${planName} line ${change.line} lists change "${change.name}" but its deploy script is missing`, stem));
        return;
      }
      const up = readSqlFile(deployPath, ctx, result.findings);
      if (!up) return;
      const revertPath = join(paths.revert, `${stem}.${paths.extension}`);
      const down = existsSync(revertPath) ? readSqlFile(revertPath, ctx, result.findings) : undefined;
      result.migrations.push(migration({ id: stem, version: String(index + 1), name: change.name, layout: 'sqitch', up, down, transactional: false, sentAsOneQuery: false }));
    });
    return result;
  },
  orderProjects(dirs: string[]): string[] {
    const info = dirs.map((dir) => {
      const r = readText(sqitchPaths(dir).plan, dir);
      const plan = r.ok ? parsePlan(r.text) : { project: '', items: [] };
      const needs = new Set<string>();
      for (const it of plan.items) if (it.kind === 'change') for (const d of it.requires) if (d.includes(':')) needs.add(d.split(':')[0]);
      return { dir, project: plan.project, needs };
    });
    const ordered: string[] = [];
    const done = new Set<string>();
    const remaining = [...info];
    while (remaining.length) {
      // Take the first (by path) project whose dependencies are all placed; break cycles by path.
      const i = Math.max(
        0,
        remaining.findIndex((p) => [...p.needs].every((n) => n === p.project || done.has(n) || !info.some((q) => q.project === n))),
      );
      const [p] = remaining.splice(i, 1);
      ordered.push(p.dir);
      done.add(p.project);
    }
    return ordered;
  },
};

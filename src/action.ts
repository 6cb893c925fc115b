// The GitHub Action front end (dist/index.js is this file bundled): inputs and
// the event → run() once per migrations path → annotations, job summary, the
// living PR comment, SARIF, outputs and the verdict. Everything that can be
// pure lives in src/github/; this file is the I/O around it.

import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { rules } from '../rules/index';
import type { ConfigOverrides } from './config';
import { DatabaseUnavailableError, UsageError } from './errors';
import { ANNOTATIONS_PER_LEVEL, selectAnnotations, toAnnotation } from './github/annotations';
import { probeDocker } from './github/docker';
import { firstAvailable } from './verify/databases/fallback';
import { reachesFailOn, renderComment, renderFailure, ruleDocs } from './github/comment';
import { readEvent, type EventInfo } from './github/event';
import { parseInputs, type ActionInputs } from './github/inputs';
import { Publisher } from './github/publish';
import { GitHubClient } from './github/rest';
import { render } from './report/index';
import { run } from './run';
import { mergeReports } from './report/build';
import { ensureBaseCommit, mergeBase } from './migrations/history';
import type { Report } from './types';

const ruleDoc = ruleDocs(rules);

const UNTRUSTED_SQL =
  'verify skipped: on pull_request_target the pull request’s SQL would run with this repository’s write token and secrets. ' +
  'Lint still ran. Use the pull_request event, or set allow-untrusted-sql: true if every pull request author is trusted.';

/** Runs the Action; the step fails (exit 1) when findings reach fail-on or the run cannot happen. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = Date.now();
  let inputs: ActionInputs;
  try {
    inputs = parseInputs((name) => core.getInput(name));
  } catch (err) {
    core.setFailed((err as Error).message);
    return;
  }
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const event = readEvent(env);
  const cwd = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const notes: string[] = [];

  let verify = inputs.verify;
  if (verify && event.untrusted && !inputs.allowUntrustedSql) {
    verify = false;
    core.warning(UNTRUSTED_SQL);
    notes.push(UNTRUSTED_SQL);
  }
  let base = inputs.baseRef ?? event.defaultBase;
  if (base) ensureBaseCommit(base, cwd, { info: (m) => core.info(m), warning: (m) => core.warning(m) });
  if (!inputs.baseRef && base && event.mergeBaseOf) base = mergeBase(event.mergeBaseOf, cwd, (m) => core.warning(m));
  core.info(`migration-guard: ${event.name || 'local'} event, ${base ? `changes since ${base.slice(0, 12)}` : 'all migrations'}, ${verify ? `lint + verify (${inputs.database})` : 'lint only'}`);

  const paths = inputs.paths.length ? inputs.paths : [''];
  // The label keys the PR comment's marker: `./db/` and `db` are the same comment.
  const label = (path: string) =>
    path
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '') || '.';
  const reports: { path: string; report: Report }[] = [];
  let database = inputs.database;
  // GitHub's Linux runners have Docker; self-hosted, macOS and Windows runners may not.
  const skipped = (reason: string) => {
    const why = `${reason}: verified on the embedded PGlite instead of ${inputs.postgresImage ?? `the postgres:${inputs.pgVersion ?? 'pgVersion'}-alpine image`}.`;
    core.warning(why);
    notes.push(why);
  };
  // SQLite verifies on a file: no Postgres to prepare.
  if (verify && database === 'container' && inputs.dialect !== 'sqlite') {
    const docker = async () => {
      const probe = await probeDocker(env);
      return probe.ok ? undefined : `No Docker engine answered (${probe.where})`;
    };
    const embedded = () => Promise.resolve(undefined);
    database = await firstAvailable(
      [
        { kind: 'container', unavailable: docker },
        { kind: 'pglite', unavailable: embedded },
      ],
      (_kind, why) => skipped(why),
    );
  }
  try {
    for (const path of paths) {
      const overrides: ConfigOverrides = {
        ...(inputs.layout !== 'auto' ? { layout: inputs.layout as ConfigOverrides['layout'] } : {}),
        ...(inputs.pgVersion ? { pgVersion: inputs.pgVersion } : {}),
        ...(inputs.dialect ? { dialect: inputs.dialect } : {}),
        ...(inputs.sqliteVersion ? { sqliteVersion: inputs.sqliteVersion } : {}),
        ...(inputs.stats ? { stats: { file: inputs.stats } } : {}),
        ...(inputs.framework || inputs.sqlLog ? { framework: { ...(inputs.framework ? { name: inputs.framework } : {}), ...(inputs.sqlLog ? { sqlLog: inputs.sqlLog } : {}) } } : {}),
        failOn: inputs.failOn,
        verify: {
          database,
          databaseUrl: inputs.databaseUrl,
          postgresImage: inputs.postgresImage,
          ...(inputs.verifySetup ? { setup: inputs.verifySetup } : {}),
          ...(inputs.templateVars ? { templateVars: inputs.templateVars } : {}),
        },
      };
      const once = () =>
        run({
          command: verify ? 'check' : 'lint',
          paths: path ? [path] : undefined,
          cwd,
          configFile: inputs.config,
          overrides,
          base,
          // A framework's commands are the pull request's code: they run only where verify may.
          allowCommands: verify,
          // One line each: a file name with a newline must not start a workflow command.
          progress: (line) => core.info(line.replace(/[\r\n]+/g, ' ')),
        });
      let report: Report;
      try {
        report = await once();
      } catch (err) {
        // The engine went away between the probe and the start (or could not be probed): same fallback.
        // A missing image is the user's to fix, so it fails instead.
        if (!(verify && database === 'container' && err instanceof DatabaseUnavailableError && /no container engine/i.test(err.message))) throw err;
        skipped(`No Docker engine answered (${err.message.split('\n')[0]})`);
        database = 'pglite';
        overrides.verify = { ...overrides.verify, database };
        report = await once();
      }
      reports.push({ path: label(path), report });
    }
  } catch (err) {
    const message = err instanceof UsageError || err instanceof DatabaseUnavailableError ? err.message : ((err as Error).stack ?? String(err));
    core.setFailed(`migration-guard could not run: ${message}`);
    // No stale verdict: the job summary and our earlier PR comment say so too.
    await writeSummary(
      env,
      paths.map((p) => renderFailure(message, { path: label(p) })),
    );
    if (event.pullRequest && inputs.comment && inputs.githubToken) {
      const publisher = makePublisher(inputs, event, env, {});
      for (const p of paths) await publisher.publishFailure(message, label(p));
    }
    return;
  }

  const merged = mergeReports(reports.map((r) => r.report));
  // The log shows SQL and file names from the pull request: stop workflow-command
  // processing around it so a line like `::add-mask::…` in a migration is just text.
  const token = `mg-${randomUUID()}`;
  let hiddenAnnotations = 0;
  for (const { report } of reports) {
    core.info(`::stop-commands::${token}`);
    core.info(render('text', report, { rules }));
    core.info(`::${token}::`);
    // GitHub shows 10 annotations per level and step: the most severe go first, and the comment says what was cut.
    const { shown, hidden } = selectAnnotations(report.findings);
    for (const f of shown) {
      const a = toAnnotation(f);
      core[a.level === 'notice' ? 'notice' : a.level](a.message, a.properties);
    }
    hiddenAnnotations += hidden;
  }
  // Operational notes (fallbacks, skipped verify) go to the log and the job summary; the comment
  // says only what changes how to read it: annotations that GitHub will not show.
  const readerNotes: string[] = [];
  if (hiddenAnnotations)
    readerNotes.push(
      `${hiddenAnnotations} finding${hiddenAnnotations === 1 ? ' is' : 's are'} not annotated on the diff: GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations per level; all of them are listed here and in the findings-json output's file.`,
    );

  const link = env.GITHUB_REPOSITORY && event.sha ? { serverUrl: env.GITHUB_SERVER_URL || 'https://github.com', repository: env.GITHUB_REPOSITORY, sha: event.sha } : undefined;
  // The Action's own repository and ref (GitHub sets them for a `uses:` step): rule ids link to their pages there.
  const docsBase =
    env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF
      ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_ACTION_REPOSITORY}/blob/${encodeURIComponent(env.GITHUB_ACTION_REF)}/docs/rules`
      : undefined;
  const renderOptions = { failOn: inputs.failOn, link, ruleDoc, notes: readerNotes, ...(docsBase ? { docsBase } : {}) };

  // Job summary: the same content as the comment, one section per path.
  await writeSummary(
    env,
    reports.map(({ path, report }) => renderComment(report, { ...renderOptions, notes: [...notes, ...readerNotes], path })),
  );

  const outDir = join(env.RUNNER_TEMP || tmpdir(), 'migration-guard');
  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(outDir, 'report.json');
  writeFileSync(jsonPath, render('json', merged, { rules }));
  let sarifPath = '';
  if (inputs.sarifFile) {
    sarifPath = resolve(cwd, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, render('sarif', merged, { rules, ...(docsBase ? { docsBase } : {}) }));
  }

  let commentUrl = '';
  if (event.pullRequest && inputs.comment) {
    commentUrl = await publishComments(inputs, event, env, reports, renderOptions);
  }

  core.setOutput('errors', String(merged.summary.errors));
  core.setOutput('warnings', String(merged.summary.warnings));
  core.setOutput('findings-json', jsonPath);
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('comment-url', commentUrl);

  const { errors, warnings, infos } = merged.summary;
  core.info(`migration-guard finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${errors} errors, ${warnings} warnings, ${infos} notices (fail-on: ${inputs.failOn})`);
  if (reachesFailOn(merged, inputs.failOn)) {
    core.setFailed(`migration-guard: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} at or above fail-on: ${inputs.failOn}`);
  }
}

async function writeSummary(env: NodeJS.ProcessEnv, sections: string[]): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  try {
    for (const md of sections) core.summary.addRaw(md, true);
    await core.summary.write();
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }
}

function makePublisher(inputs: ActionInputs, event: EventInfo, env: NodeJS.ProcessEnv, renderOptions: Parameters<typeof renderComment>[1]): Publisher {
  const client = new GitHubClient({
    token: inputs.githubToken,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    retryDelayMs: numberEnv(env.MIGRATION_GUARD_RETRY_DELAY_MS, 1000),
    maxRetryDelayMs: numberEnv(env.MIGRATION_GUARD_MAX_RETRY_DELAY_MS, 60_000),
    onRetry: (r) => core.info(`GitHub API ${r.method} ${r.path}: ${r.reason}; retry ${r.attempt} in ${r.delayMs} ms`),
  });
  return new Publisher({
    client,
    target: { owner: event.owner, repo: event.repo, issue: event.pullRequest!.number },
    workflow: env.GITHUB_WORKFLOW || 'migration-guard',
    headSha: event.pullRequest!.headSha,
    reviewComments: inputs.reviewComments,
    render: renderOptions ?? {},
    summaryOf: (id) => ruleDoc(id)?.summary,
    warn: (m) => core.warning(m),
    info: (m) => core.info(m),
  });
}

async function publishComments(
  inputs: ActionInputs,
  event: EventInfo,
  env: NodeJS.ProcessEnv,
  reports: { path: string; report: Report }[],
  renderOptions: Parameters<typeof renderComment>[1],
): Promise<string> {
  if (!inputs.githubToken) {
    core.warning('No github-token: the pull request comment is skipped (annotations and the job summary still show every finding).');
    return '';
  }
  const publisher = makePublisher(inputs, event, env, renderOptions);
  let url = '';
  for (const { path, report } of reports) {
    const out = await publisher.publish(report, path);
    url ||= out.commentUrl ?? '';
  }
  return url;
}

function numberEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 0 ? n : fallback;
}

// Started by dist/index.js with an IPC channel: if the launcher dies (even kill -9),
// stop as if sent SIGTERM, so the throwaway database is cleaned up.
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

await main();

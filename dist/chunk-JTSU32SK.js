// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  esm_default
} from "./chunk-PCOTMPAF.js";
import {
  UsageError
} from "./chunk-WEIKHWOF.js";
import {
  finding
} from "./chunk-RZSGMBFC.js";
import {
  alterCommands,
  as,
  kindAndNode,
  nodeOf,
  nodesOf,
  parseSql,
  scanTokens,
  str
} from "./chunk-L63O7JR3.js";
import {
  PositionMap
} from "./chunk-CC3LKNC6.js";

// src/migrations/history.ts
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join as join2, relative as relative2, resolve, sep as sep2 } from "node:path";

// src/migrations/files.ts
import { readdirSync, readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

// src/migrations/decode.ts
import { lstatSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
function decodeSql(bytes) {
  if (bytes[0] === 255 && bytes[1] === 254) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 254 && bytes[1] === 255) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const body = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    const where = lineOf(body, nul);
    const utf16 = body.length >= 4 && (body[1] === 0 || body[0] === 0) && (body[3] === 0 || body[2] === 0);
    return {
      ok: false,
      why: utf16 ? `it looks like UTF-16 text without a byte-order mark (NUL bytes from line ${where}); save it as UTF-8` : `it is a binary file, not SQL text (a NUL byte at line ${where})`
    };
  }
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (isUtf8(body)) return { ok: true, text, encoding: "utf-8" };
  return { ok: true, text, encoding: "utf-8", invalid: firstInvalidUtf8(body) };
}
function lineOf(bytes, index) {
  let line = 1;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 10 || bytes[i] === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}
function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 128 ? 0 : b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 192) === 128;
    if (ok && need === 2) ok = !(b === 224 && bytes[i + 1] < 160) && !(b === 237 && bytes[i + 1] >= 160);
    if (ok && need === 3) ok = !(b === 240 && bytes[i + 1] < 144) && !(b === 244 && bytes[i + 1] >= 144);
    if (!ok) break;
    i += need + 1;
  }
  const line = lineOf(bytes, i);
  let start = i;
  while (start > 0 && bytes[start - 1] !== 10 && bytes[start - 1] !== 13) start--;
  const column = [...Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString("utf8")].length + 1;
  return { line, column, byte: `0x${(bytes[i] ?? 0).toString(16).padStart(2, "0")}` };
}
function whyNotAFile(path) {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = err.code;
    if (code === "ELOOP") return "ELOOP: it is a symlink loop";
    if (code === "ENOENT") {
      try {
        if (lstatSync(path).isSymbolicLink()) return `ENOENT: it is a broken symlink (its target ${readlinkSync(path)} does not exist)`;
      } catch {
      }
    }
    return void 0;
  }
  if (st.isFile()) return void 0;
  if (st.isDirectory()) return "it is a folder, not a file";
  const kind = st.isFIFO() ? "a named pipe (FIFO)" : st.isSocket() ? "a socket" : st.isCharacterDevice() ? "a character device" : st.isBlockDevice() ? "a block device" : "a special file";
  return `it is ${kind}, not a regular file (reading it could block forever)`;
}

// src/migrations/files.ts
function isDirectory(path) {
  try {
    return statSync2(path).isDirectory();
  } catch {
    return false;
  }
}
function isFile(path) {
  try {
    return statSync2(path).isFile();
  } catch {
    return false;
  }
}
function listDir(dir) {
  const files = [];
  const dirs = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { files, dirs };
  }
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const name = entry.name;
    if (name.startsWith(".")) continue;
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync2(join(dir, name)).isDirectory();
      } catch {
      }
    }
    (isDir ? dirs : files).push(name);
  }
  return { files, dirs };
}
function pathShower(given, cwd) {
  return (abs) => {
    const rel = relative(cwd, abs);
    const inside = rel !== "" && !isAbsolute(rel) && rel.split(sep)[0] !== "..";
    const shown = inside || !isAbsolute(given) && rel && !isAbsolute(rel) ? rel : abs;
    return sep === "/" ? shown : shown.split(sep).join("/");
  };
}
function displayPath(file, base) {
  if (typeof base !== "string") return base.show ? base.show(file) : displayPath(file, base.cwd);
  const cwd = base;
  const rel = relative(cwd, file);
  const shown = rel && !isAbsolute(rel) ? rel : file;
  return sep === "/" ? shown : shown.split(sep).join("/");
}
function readText(file, shown) {
  const special = whyNotAFile(file);
  if (special) return { ok: false, finding: unreadableFinding(shown, special) };
  try {
    const decoded = decodeSql(readFileSync2(file));
    if (!decoded.ok) return { ok: false, finding: unreadableFinding(shown, decoded.why) };
    return { ok: true, text: decoded.text, ...decoded.invalid ? { notice: invalidUtf8Finding(shown, decoded.invalid) } : {} };
  } catch (err) {
    const e = err;
    const message = String(e.message ?? e);
    return { ok: false, finding: unreadableFinding(shown, e.code && !message.startsWith(e.code) ? `${e.code}: ${message}` : message) };
  }
}
function invalidUtf8Finding(shown, at) {
  return finding(
    "syntax-error",
    { file: shown, line: at.line, column: at.column, endColumn: at.column + 1 },
    `${shown} is not valid UTF-8 (byte ${at.byte} at line ${at.line}, column ${at.column}): with client_encoding UTF8 Postgres rejects it (invalid byte sequence for encoding "UTF8"). It was linted with the invalid bytes replaced by U+FFFD. Save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`).`
  );
}
function unreadableFinding(shown, why, migration) {
  return finding("unreadable-file", { file: shown, migration }, `Cannot read ${shown}: ${why}. This migration was skipped; the others were still checked.`);
}
function wholeFile(shown, text) {
  return { file: shown, text, firstLine: 1 };
}
function lines(text) {
  return text.split(/\r\n|\n|\r/);
}
function section(shown, all, startMarker, endMarker) {
  const from = startMarker + 1;
  const to = Math.max(from, endMarker);
  return { file: shown, text: all.slice(from, to).join("\n"), firstLine: from + 1 };
}
function isEmptySql(text) {
  return lines(text).every((l) => /^\s*(--.*)?$/.test(l));
}
function readSqlFile(path, base, findings) {
  const shown = displayPath(path, base);
  if (typeof base !== "string" && base.skipRead?.(path)) return wholeFile(shown, "");
  const r = readText(path, shown);
  if (!r.ok) {
    findings.push(r.finding);
    return void 0;
  }
  if (r.notice) findings.push(r.notice);
  return wholeFile(shown, r.text);
}
function filesMatching(dir, pattern) {
  try {
    return readdirSync(dir).filter((f) => pattern.test(f)).sort();
  } catch {
    return [];
  }
}
function findMarkers(all, kind) {
  let up = -1;
  let down = -1;
  for (let i = 0; i < all.length; i++) {
    const k = kind(all[i]);
    if (k === "up" && up < 0) up = i;
    else if (k === "down" && down < 0) down = i;
  }
  return { up, down };
}
function upDownSections(shown, all, markers) {
  const end = (from) => {
    const other = from === markers.up ? markers.down : markers.up;
    return other > from ? other : all.length;
  };
  const up = markers.up >= 0 ? section(shown, all, markers.up, end(markers.up)) : { file: shown, text: all.join("\n"), firstLine: 1 };
  const down = markers.down >= 0 ? section(shown, all, markers.down, end(markers.down)) : void 0;
  return down ? { up, down } : { up };
}
function fileHas(path, test) {
  const r = readText(path, path);
  return r.ok && test(r.text);
}

// src/migrations/history.ts
function compareWithBase(input) {
  const cwd = input.cwd ?? process.cwd();
  const abs = resolve(cwd, input.dir);
  const folder = isDirectory(abs) ? abs : dirname(abs);
  const root = repoRoot(folder);
  const commit = resolveCommit(root, input.base);
  const relFolder = posix(relative2(realpathSync(root), realpathSync(folder)));
  const base = readBase(root, commit, relFolder, abs === folder ? "" : relative2(folder, abs), input.layout, input.discover);
  return compareMigrations(input.migrations, base, input.base, (p) => displayPath(join2(root, p), { cwd, ...input.show ? { show: input.show } : {} }));
}
function onlyChanged(findings, migrations) {
  const changed = new Set(migrations.filter((m) => m.changed).map((m) => m.id));
  return findings.filter((f) => !f.migration || changed.has(f.migration));
}
function compareMigrations(current, base, baseRef, shown) {
  const baseById = new Map(base.map((b) => [b.m.id, b]));
  const currentIds = new Set(current.map((m) => m.id));
  const findings = [];
  const migrations = current.map((m) => {
    const b = baseById.get(m.id)?.m;
    if (!b) return { ...m, changed: true, added: true };
    const upSame = sameSources(upSources(m), upSources(b)) && m.transactional === b.transactional;
    const downSame = sameSources(m.down ? [m.down] : [], b.down ? [b.down] : []);
    if (!upSame && !isRepeatable(m)) findings.push(editedFinding(m, b, baseRef));
    return { ...m, changed: !upSame || !downSame };
  });
  for (const b of base) {
    if (currentIds.has(b.m.id)) continue;
    const renamedTo = migrations.find((m) => m.changed && !baseById.has(m.id) && sameSources(upSources(m), upSources(b.m)));
    const file = shown(b.upPath);
    const message = renamedTo ? `Migration ${b.m.id} (${file}) exists on ${baseRef} but was renamed to ${renamedTo.id}: databases that already applied it will apply it again under the new name, or the tool will report it missing.` : `Migration ${b.m.id} (${file}) exists on ${baseRef} but was deleted: databases that already applied it keep its changes, and the tool may refuse to run with an applied migration missing.`;
    findings.push(finding("deleting-applied-migration", { file: renamedTo ? renamedTo.up.file : file, line: renamedTo ? renamedTo.up.firstLine : 1, migration: renamedTo?.id ?? b.m.id }, message));
  }
  const projects = /* @__PURE__ */ new Map();
  for (const m of migrations) if (!isRepeatable(m)) projects.set(m.project ?? "", [...projects.get(m.project ?? "") ?? [], m]);
  for (const list of projects.values()) {
    let lastBase = -1;
    list.forEach((m, i) => {
      if (baseById.has(m.id)) lastBase = i;
    });
    if (lastBase < 0) continue;
    const newest = list[lastBase];
    list.slice(0, lastBase).forEach((m) => {
      if (baseById.has(m.id)) return;
      findings.push(
        finding(
          "out-of-order-migration",
          { file: m.up.file, line: m.up.firstLine, migration: m.id },
          `Migration ${m.id} is new since ${baseRef} but sorts before ${newest.id}, which ${baseRef} already has: databases already past ${newest.id} will skip it or refuse to migrate, depending on the tool. Give it a version after ${newest.id}.`
        )
      );
    });
  }
  return { migrations, findings };
}
function isRepeatable(m) {
  return m.layout === "flyway" && m.version === "";
}
function upSources(m) {
  return [m.up, ...m.extraUp ?? []];
}
function normalize(text) {
  return text.replace(/\r\n?/g, "\n");
}
function sameSources(a, b) {
  return a.length === b.length && a.every((s, i) => normalize(s.text) === normalize(b[i].text));
}
function editedFinding(m, b, baseRef) {
  const now = normalize(m.up.text).split("\n");
  const was = normalize(b.up.text).split("\n");
  let i = 0;
  while (i < now.length && i < was.length && now[i] === was[i]) i++;
  const sameText = sameSources(upSources(m), upSources(b));
  const line = m.up.firstLine + Math.min(i, Math.max(0, now.length - 1));
  const what = sameText ? `its transaction mode changed (${b.transactional ? "was" : "was not"} run in a transaction)` : `its up SQL differs from ${baseRef} (first difference at line ${line})`;
  return finding(
    "editing-applied-migration",
    { file: m.up.file, line: sameText ? m.up.firstLine : line, migration: m.id },
    `Migration ${m.id} (${m.up.file}) already exists on ${baseRef} and was modified: ${what}. Databases that applied it will never run the new version, so environments drift apart.`
  );
}
function childProcess() {
  return process.getBuiltinModule("node:child_process");
}
function git(cwd, args, input) {
  return childProcess().execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30, ...input });
}
function repoRoot(folder) {
  try {
    return git(folder, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
  } catch (err) {
    const why = err.stderr?.toString().trim() || err.message;
    throw new UsageError(`--base needs a git repository, but ${folder} is not inside one (${why}).`);
  }
}
function resolveCommit(root, base) {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${base}^{commit}`]).toString("utf8").trim();
  } catch {
    throw new UsageError(
      `--base ${base}: no such commit or ref in ${root}. In a shallow clone, fetch it first, e.g. \`git fetch --depth=1 origin ${base.replace(/^origin\//, "")}\` (actions/checkout: fetch-depth: 0).`
    );
  }
}
function readBase(root, commit, relFolder, relFile, layout, discover) {
  const listed = git(root, ["ls-tree", "-r", "--name-only", "-z", commit, "--", relFolder || "."]).toString("utf8");
  if (!listed.replace(/\0/g, "")) return [];
  const tmp = mkdtempSync(join2(tmpdir(), "migration-guard-base-"));
  try {
    const tar = git(root, ["archive", "--format=tar", commit, "--", relFolder || "."]);
    childProcess().execFileSync("tar", ["-x", "-f", "-", "-C", tmp], { input: tar, stdio: ["pipe", "ignore", "pipe"], maxBuffer: 1 << 30 });
    const target = join2(tmp, relFolder, relFile);
    let found;
    try {
      found = discover(target, { cwd: tmp, ...layout ? { layout } : {} });
    } catch (err) {
      if (err instanceof UsageError) return [];
      throw err;
    }
    return found.map((m) => ({ m, upPath: posix(relative2(tmp, resolve(tmp, m.up.file))) }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
function posix(p) {
  return sep2 === "/" ? p : p.split(sep2).join("/");
}
function filesChangedSince(folder, base) {
  const root = repoRoot(folder);
  const commit = resolveCommit(root, base);
  const rel = posix(relative2(root, resolve(folder))) || ".";
  const changed = /* @__PURE__ */ new Set();
  const added = /* @__PURE__ */ new Set();
  const status = git(root, ["diff", "--name-status", "-z", "--no-renames", commit, "--", rel]).toString("utf8").split("\0");
  for (let i = 0; i + 1 < status.length; i += 2) {
    const path = resolve(root, status[i + 1]);
    if (status[i] === "D") continue;
    changed.add(path);
    if (status[i] === "A") added.add(path);
  }
  for (const f of git(root, ["ls-files", "--others", "--exclude-standard", "-z", "--", rel]).toString("utf8").split("\0")) {
    if (!f) continue;
    changed.add(resolve(root, f));
    added.add(resolve(root, f));
  }
  return { changed, added };
}
function ensureBaseCommit(ref, cwd, log) {
  const git2 = (...args) => childProcess().execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 6e4 }).toString();
  try {
    git2("rev-parse", "--is-inside-work-tree");
  } catch {
    return;
  }
  try {
    git2("cat-file", "-e", `${ref}^{commit}`);
    return;
  } catch {
  }
  if (!/^[0-9a-f]{7,40}$/i.test(ref) && !ref.startsWith("origin/")) return;
  try {
    log.info(`fetching base ${ref} (the checkout is shallow)`);
    const branch = ref.startsWith("origin/") ? ref.slice("origin/".length) : void 0;
    git2("fetch", "--no-tags", "--depth=1", "origin", branch ? `+refs/heads/${branch}:refs/remotes/origin/${branch}` : ref);
  } catch (err) {
    log.warning(`could not fetch the base ${ref}: ${(err.stderr?.toString() || err.message).trim()}. Use actions/checkout with fetch-depth: 0.`);
  }
}
function mergeBase(branch, cwd, warn) {
  try {
    return childProcess().execFileSync("git", ["merge-base", "HEAD", branch], { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 6e4 }).toString().trim() || void 0;
  } catch (err) {
    warn(
      `a new branch: could not find where it left ${branch} (${(err.stderr?.toString() || err.message).trim()}); checking every migration. Use actions/checkout with fetch-depth: 0.`
    );
    return void 0;
  }
}

// src/frameworks/command.ts
import { spawn } from "node:child_process";
var WITHHELD = /^(INPUT_|ACTIONS_|GITHUB_TOKEN$|GH_TOKEN$|RUNNER_TOKEN$|DATABASE_URL$|PG[A-Z]+$)|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY/i;
function scrubbedEnv(base) {
  const env = {};
  for (const [k, v] of Object.entries(base)) if (v !== void 0 && !WITHHELD.test(k)) env[k] = v;
  return env;
}
function commandEnv(base, db, extra = {}) {
  const env = scrubbedEnv(base);
  const auth = db.password ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}` : encodeURIComponent(db.user);
  Object.assign(env, {
    DATABASE_URL: `postgresql://${auth}@${db.host}:${db.port}/${db.database}`,
    PGHOST: db.host,
    PGPORT: String(db.port),
    PGUSER: db.user,
    PGDATABASE: db.database,
    PGSSLMODE: "disable",
    ...db.password ? { PGPASSWORD: db.password } : {},
    ...extra
  });
  return env;
}
var KEEP_BYTES = 64 * 1024;
function runCommand(command, cwd, env, timeoutMs) {
  const started = Date.now();
  return new Promise((resolve3) => {
    let output = "";
    const keep = (chunk) => {
      output += chunk.toString("utf8");
      if (output.length > KEEP_BYTES * 2) output = output.slice(-KEEP_BYTES);
    };
    const child = spawn("sh", ["-c", command], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    const done = (exitCode) => {
      clearTimeout(timer);
      resolve3({ command, exitCode, timedOut, output: output.slice(-KEEP_BYTES), ms: Date.now() - started });
    };
    child.on("error", (err) => {
      output += String(err.message);
      done(null);
    });
    child.on("close", (code) => done(code));
  });
}
function outputTail(result, lines2 = 12) {
  const all = result.output.trimEnd().split(/\r?\n/);
  return all.slice(-lines2).join("\n");
}

// src/frameworks/capture.ts
import { randomBytes } from "node:crypto";
import { realpathSync as realpathSync2 } from "node:fs";
import { join as join3, resolve as resolve2 } from "node:path";

// src/capture/proxy.ts
import { createConnection, createServer } from "node:net";
var SSL_REQUEST = 80877103;
var GSSENC_REQUEST = 80877104;
var CANCEL_REQUEST = 80877102;
async function startCaptureProxy(upstream) {
  const queries = [];
  let connections = 0;
  let seq = 0;
  const sockets = /* @__PURE__ */ new Set();
  const server = createServer((client) => {
    const id = ++connections;
    sockets.add(client);
    const session = new Session(id, queries, () => ++seq);
    let server2;
    let startup = Buffer.alloc(0);
    let started = false;
    const connectUpstream = (first) => {
      server2 = createConnection(upstream);
      sockets.add(server2);
      server2.write(first);
      server2.on("data", (chunk) => {
        client.write(chunk);
        session.fromServer(chunk);
      });
      server2.on("close", () => client.destroy());
      server2.on("error", () => client.destroy());
    };
    client.on("data", (chunk) => {
      if (started) {
        server2.write(chunk);
        session.fromClient(chunk);
        return;
      }
      startup = Buffer.concat([startup, chunk]);
      while (!started && startup.length >= 8) {
        const len = startup.readInt32BE(0);
        if (startup.length < len) return;
        const code = startup.readInt32BE(4);
        const packet = startup.subarray(0, len);
        startup = startup.subarray(len);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          const cancel = createConnection(upstream, () => cancel.end(packet));
          cancel.on("error", () => {
          });
          client.end();
          return;
        }
        started = true;
        connectUpstream(Buffer.concat([packet, startup]));
        session.fromClient(startup);
        startup = Buffer.alloc(0);
      }
    });
    client.on("close", () => {
      server2?.end();
      sockets.delete(client);
    });
    client.on("error", () => server2?.destroy());
  });
  await new Promise((resolve3, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve3());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host: "127.0.0.1",
    port,
    queries,
    take: () => queries.splice(0, queries.length),
    close: () => new Promise((resolve3) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve3());
    })
  };
}
var Session = class {
  constructor(id, out, nextSeq) {
    this.id = id;
    this.out = out;
    this.nextSeq = nextSeq;
  }
  id;
  out;
  nextSeq;
  clientBuf = Buffer.alloc(0);
  serverBuf = Buffer.alloc(0);
  statements = /* @__PURE__ */ new Map();
  portals = /* @__PURE__ */ new Map();
  pending = [];
  tx = "I";
  fromClient(chunk) {
    this.clientBuf = eachMessage(Buffer.concat([this.clientBuf, chunk]), (type, body) => this.clientMessage(type, body));
  }
  fromServer(chunk) {
    this.serverBuf = eachMessage(Buffer.concat([this.serverBuf, chunk]), (type, body) => this.serverMessage(type, body));
  }
  record(sql, protocol, params) {
    const q = { connection: this.id, seq: this.nextSeq(), sql, protocol, txBefore: this.tx, tags: [], startedAt: Date.now(), ...params ? { params } : {} };
    this.out.push(q);
    return q;
  }
  clientMessage(type, body) {
    switch (type) {
      case "Q": {
        this.pending.push({ kind: "query", captured: this.record(cstring(body, 0).value, "simple") });
        break;
      }
      case "P": {
        const name = cstring(body, 0);
        const sql = cstring(body, name.next);
        this.statements.set(name.value, sql.value);
        this.pending.push({ kind: "parse" });
        break;
      }
      case "B": {
        const portal = cstring(body, 0);
        const stmt = cstring(body, portal.next);
        let at = stmt.next;
        const nFormats = body.readInt16BE(at);
        at += 2;
        const formats = [];
        for (let i = 0; i < nFormats; i++, at += 2) formats.push(body.readInt16BE(at));
        const nParams = body.readInt16BE(at);
        at += 2;
        const params = [];
        for (let i = 0; i < nParams; i++) {
          const len = body.readInt32BE(at);
          at += 4;
          if (len < 0) {
            params.push(null);
            continue;
          }
          const bytes = body.subarray(at, at + len);
          at += len;
          const format = formats.length === 1 ? formats[0] : formats[i] ?? 0;
          params.push(format === 1 ? `\\x${bytes.toString("hex")}` : bytes.toString("utf8"));
        }
        this.portals.set(portal.value, { sql: this.statements.get(stmt.value) ?? "", params });
        this.pending.push({ kind: "bind" });
        break;
      }
      case "E": {
        const portal = this.portals.get(cstring(body, 0).value);
        this.pending.push({ kind: "execute", captured: this.record(portal?.sql ?? "", "extended", portal?.params ?? []) });
        break;
      }
      case "C":
        this.pending.push({ kind: "close" });
        break;
      case "D":
        this.pending.push({ kind: "describe" });
        break;
      case "S":
        this.pending.push({ kind: "sync" });
        break;
      default:
        break;
    }
  }
  serverMessage(type, body) {
    const head = this.pending[0];
    switch (type) {
      case "1":
      case "2":
      case "3":
        this.pending.shift();
        break;
      case "n":
      case "T":
        if (head?.kind === "describe") this.pending.shift();
        break;
      case "C":
      case "I":
      case "s": {
        if (head?.kind === "execute") {
          if (type === "C") head.captured.tags.push(cstring(body, 0).value);
          this.finish(head.captured);
          this.pending.shift();
        } else if (head?.kind === "query" && type === "C") head.captured.tags.push(cstring(body, 0).value);
        break;
      }
      case "E": {
        const error = errorFields(body);
        if (head?.kind === "query") {
          head.captured.error = error;
          break;
        }
        let blamed = false;
        while (this.pending.length && this.pending[0].kind !== "sync" && this.pending[0].kind !== "query") {
          const p = this.pending.shift();
          if (p.kind !== "execute") continue;
          p.captured.error = blamed ? { code: "skipped", message: "not run: an earlier message in the same pipeline failed" } : error;
          this.finish(p.captured);
          blamed = true;
        }
        break;
      }
      case "Z": {
        const status = String.fromCharCode(body[0] ?? 73);
        while (this.pending.length) {
          const p = this.pending.shift();
          if (p.kind === "query") {
            this.finish(p.captured);
            p.captured.txAfter = status;
            break;
          }
          if (p.kind === "sync") break;
        }
        for (let i = this.out.length - 1; i >= 0; i--) {
          const q = this.out[i];
          if (q.connection !== this.id) continue;
          if (q.txAfter) break;
          q.txAfter = status;
        }
        this.tx = status;
        break;
      }
      default:
        break;
    }
  }
  finish(q) {
    if (q.ms === void 0) q.ms = Date.now() - q.startedAt;
  }
};
function eachMessage(buf, each) {
  let at = 0;
  while (buf.length - at >= 5) {
    const len = buf.readInt32BE(at + 1);
    if (buf.length - at < len + 1) break;
    each(String.fromCharCode(buf[at]), buf.subarray(at + 5, at + 1 + len));
    at += len + 1;
  }
  return at === 0 ? buf : Buffer.from(buf.subarray(at));
}
function cstring(buf, from) {
  const end = buf.indexOf(0, from);
  const stop = end < 0 ? buf.length : end;
  return { value: buf.toString("utf8", from, stop), next: stop + 1 };
}
function errorFields(body) {
  let code = "";
  let message = "";
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const field = String.fromCharCode(body[at]);
    const v = cstring(body, at + 1);
    if (field === "C") code = v.value;
    else if (field === "M") message = v.value;
    at = v.next;
  }
  return { code, message };
}

// src/capture/noise.ts
var SESSION_KINDS = /* @__PURE__ */ new Set(["VariableShowStmt", "ConstraintsSetStmt", "DiscardStmt", "DeallocateStmt", "ListenStmt", "UnlistenStmt", "PrepareStmt"]);
var DRIVER_SETTINGS = /* @__PURE__ */ new Set([
  "client_min_messages",
  "standard_conforming_strings",
  "intervalstyle",
  "timezone",
  "client_encoding",
  "datestyle",
  "application_name",
  "extra_float_digits",
  "bytea_output",
  "jit",
  "names",
  "default_transaction_isolation",
  "transaction_isolation",
  "default_transaction_read_only",
  "transaction_read_only"
]);
var PROBE_FUNCTION = /^(pg_|current_|session_user$|version$|to_reg|has_|format_type$|obj_description$|col_description$|set_config$|array_|unnest$|quote_ident$|lower$|upper$|coalesce$|count$|max$|min$|now$)/i;
function isFrameworkNoise(s, table) {
  if (SESSION_KINDS.has(s.kind)) return true;
  if (s.kind === "VariableSetStmt") return DRIVER_SETTINGS.has(String(s.node.name ?? "").toLowerCase()) || s.node.kind === "VAR_RESET_ALL" || isDefaultSearchPath(s.node);
  if (s.kind === "SelectStmt" && !s.node?.intoClause && onlyProbes(s.node)) return true;
  const own = new Set([table.table, ...table.internal ?? []].map((t) => t.toLowerCase()));
  return touches(s.node).some((t) => own.has(t));
}
function isDefaultSearchPath(node) {
  if (String(node.name ?? "").toLowerCase() !== "search_path" || !node.args?.length) return false;
  return node.args.every((a) => ["public", "$user"].includes(as(a, "A_Const")?.sval?.sval ?? ""));
}
function touches(node) {
  const out = [];
  const visit = (n) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== "object") return;
    const relname = n.relname;
    if (typeof relname === "string") out.push(relname.toLowerCase());
    for (const v of Object.values(n)) visit(v);
  };
  visit(node);
  return out;
}
function onlyProbes(node) {
  return nodesOf(node, "FuncCall").every((call) => PROBE_FUNCTION.test(str(call.funcname?.at(-1)) ?? ""));
}

// src/capture/segment.ts
function versionWrite(s, table, running) {
  if (s.kind !== "InsertStmt" && s.kind !== "UpdateStmt" && s.kind !== "DeleteStmt") return void 0;
  if (s.error) return void 0;
  if (s.node?.relation?.relname?.toLowerCase() !== table.table.toLowerCase()) return void 0;
  if (s.kind === "InsertStmt") {
    const id2 = table.idOf(insertedRow(s.node));
    return id2 ? { id: id2, direction: "up" } : void 0;
  }
  if (s.kind === "DeleteStmt") {
    const id2 = table.idOf(equalities(s.node.whereClause));
    return id2 ? { id: id2, direction: "down" } : void 0;
  }
  const set = {};
  for (const t of s.node.targetList ?? []) {
    const target = as(t, "ResTarget");
    const v = constant(target?.val);
    if (target?.name && v !== void 0) set[target.name] = v;
  }
  const id = running === "up" ? table.idOf(set) : table.idOf(equalities(s.node.whereClause));
  return id ? { id, direction: running } : void 0;
}
function segment(statements, table, running) {
  const segments = [];
  let current = [];
  let awaitingCommit;
  for (const s of statements) {
    const write = versionWrite(s, table, running);
    if (write) {
      const seg = { ...write, statements: [...current, s] };
      segments.push(seg);
      current = [];
      awaitingCommit = s.txAfter === "T" ? seg : void 0;
      continue;
    }
    if (awaitingCommit && s.connection === awaitingCommit.statements.at(-1).connection) {
      if (isTransactionEnd(s)) {
        awaitingCommit.statements.push(s);
        awaitingCommit = void 0;
        continue;
      }
      if (s.kind !== "TransactionStmt" && !isFrameworkNoise(s, table)) awaitingCommit = void 0;
    }
    current.push(s);
  }
  return { segments, leftover: current };
}
function isTransactionEnd(s) {
  return s.kind === "TransactionStmt" && ["TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK", "TRANS_STMT_PREPARE", "TRANS_STMT_COMMIT_PREPARED"].includes(s.node.kind ?? "");
}
function isTransactionStart(s) {
  return s.kind === "TransactionStmt" && (s.node?.kind === "TRANS_STMT_BEGIN" || s.node?.kind === "TRANS_STMT_START");
}
function insertedRow(node) {
  const cols = (node.cols ?? []).map((c) => as(c, "ResTarget")?.name ?? "");
  const values = as(as(node.selectStmt, "SelectStmt")?.valuesLists?.[0], "List")?.items ?? [];
  const row = {};
  cols.forEach((c, i) => {
    const v = constant(values[i]);
    if (c && v !== void 0) row[c] = v;
  });
  return row;
}
function equalities(where) {
  const out = {};
  const visit = (e) => {
    const bool = as(e, "BoolExpr");
    if (bool?.boolop === "AND_EXPR") return bool.args?.forEach(visit);
    const x = as(e, "A_Expr");
    if (!x || str(x.name?.[0]) !== "=") return;
    const col = as(x.lexpr, "ColumnRef")?.fields?.at(-1);
    const v = constant(x.rexpr);
    if (col && v !== void 0) out[str(col) ?? ""] = v;
  };
  visit(where);
  return out;
}
function constant(e) {
  const cast = as(e, "TypeCast");
  if (cast) return constant(cast.arg);
  const c = as(e, "A_Const");
  if (!c) return void 0;
  if (c.sval) return c.sval.sval ?? "";
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval;
  return void 0;
}

// src/capture/migration-sql.ts
function capturedSource(file, statements, emptyAt = 1) {
  let text = "";
  const lineMap = [];
  for (const s of statements) {
    const piece = `${s.sql.replace(/;\s*$/, "")};
`;
    text += piece;
    const n = piece.split("\n").length - 1;
    for (let k = 0; k < n; k++) lineMap.push(s.verbatim ? s.line + k : s.line);
  }
  return { file, text, firstLine: statements[0]?.line ?? emptyAt, lineMap };
}
function transactionNumbers(statements) {
  const out = /* @__PURE__ */ new Map();
  const open = /* @__PURE__ */ new Map();
  let next = 0;
  for (const s of statements) {
    let block = open.get(s.connection);
    if (block === void 0 && (s.txBefore !== "I" || isTransactionStart(s))) open.set(s.connection, block = ++next);
    if (block !== void 0) out.set(s, block);
    if (s.txAfter === "I" || isTransactionEnd(s)) open.delete(s.connection);
  }
  return out;
}
function migrationSql(segment2, table, file, lineOf2, blocks) {
  const own = withoutEmptyBlocks(segment2.statements.filter((s) => !isFrameworkNoise(s, table)));
  const body = own.filter((s) => s.kind !== "TransactionStmt");
  const inBlocks = new Set(body.map((s) => blocks.get(s)));
  const transactional = body.length > 0 && inBlocks.size === 1 && !inBlocks.has(void 0);
  let sql;
  if (transactional || !body.length) sql = body.map((s) => s.sql);
  else {
    const from = own.indexOf(body[0]);
    const to = own.indexOf(body.at(-1));
    const opened = from > 0 && isTransactionStart(own[from - 1]) ? from - 1 : from;
    sql = own.slice(opened, to + 1).map((s) => s.sql);
    if (opened === from && blocks.get(body[0]) !== void 0) sql.unshift("BEGIN");
    const closing = own[to + 1];
    if (closing && isTransactionEnd(closing)) sql.push(closing.sql);
    else if (blocks.get(body.at(-1)) !== void 0) sql.push("COMMIT");
  }
  const lines2 = lineOf2(sql);
  const failed = body.find((s) => s.error && s.error.code !== "skipped");
  return {
    source: capturedSource(
      file,
      sql.map((statement, i) => ({ sql: statement, line: lines2[i] }))
    ),
    transactional,
    statements: body,
    ...transactional ? { transaction: [...inBlocks][0] } : {},
    ...failed ? { error: { sql: failed.sql, message: failed.error.message } } : {}
  };
}
function withoutEmptyBlocks(statements) {
  const out = [];
  for (const s of statements) {
    const last = out.at(-1);
    if (last && isTransactionStart(last) && isTransactionEnd(s) && last.connection === s.connection) out.pop();
    else out.push(s);
  }
  return out;
}

// src/capture/statements.ts
function capturedStatements(queries) {
  const out = [];
  for (const q of queries) {
    const sql = q.params?.length ? inlineParams(q.sql, q.params) : q.sql;
    if (!sql.trim()) continue;
    const base = { connection: q.connection, seq: q.seq, txBefore: q.txBefore, ...q.txAfter ? { txAfter: q.txAfter } : {}, ms: q.ms ?? 0 };
    const parsed = parseSql({ file: "", text: sql, firstLine: 1 });
    const pieces = parsed.problems.length ? [] : parsed.statements.filter((s) => !s.embedded);
    if (!pieces.length) {
      out.push({ ...base, sql: sql.trim(), kind: "Unparsed", node: void 0, ...q.error ? { error: q.error } : {} });
      continue;
    }
    pieces.forEach((s, i) => {
      const last = i === pieces.length - 1;
      out.push({ ...base, sql: s.sql, ...kindAndNode(s), ...q.error && last ? { error: q.error } : {} });
    });
  }
  return out;
}
function inlineParams(sql, params) {
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return sql;
  }
  const map = new PositionMap(sql, 1);
  let out = "";
  let at = 0;
  for (const t of tokens) {
    if (t.tokenName !== "PARAM") continue;
    const start = map.indexOfByte(t.start);
    const end = map.indexOfByte(t.end);
    const value = params[Number(sql.slice(start + 1, end)) - 1];
    if (value === void 0) continue;
    out += sql.slice(at, start) + (value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`);
    at = end;
  }
  return out + sql.slice(at);
}

// src/frameworks/no-op-alters.ts
async function withoutNoOpAlters(serverUrl, migrations) {
  const steps = [
    ...migrations.map((m) => ({ migration: m, which: "up" })),
    ...[...migrations].reverse().filter((m) => m.down).map((m) => ({ migration: m, which: "down" }))
  ];
  const scratch = `mg_noop_${process.pid}_${Date.now() % 1e6}`;
  const admin = new esm_default.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const client = new esm_default.Client({ connectionString: url.toString() });
  const kept = /* @__PURE__ */ new Map();
  let removed = 0;
  try {
    await client.connect();
    for (const step of steps) {
      const source = step.which === "up" ? step.migration.up : step.migration.down;
      const statements = parseSql(source).statements.filter((s) => !s.embedded);
      const dropped = droppedColumns(statements.map((s) => nodeOf(s, "AlterTableStmt")).filter((n) => !!n));
      const left = [];
      for (const s of statements) {
        const noOp = s.kind === "AlterTableStmt" && await changesNothing(client, s.node, dropped);
        if (noOp) removed++;
        else left.push({ sql: s.sql, line: s.range.line });
        await client.query(s.sql).catch(() => client.query("ROLLBACK").catch(() => {
        }));
      }
      if (left.length < statements.length) kept.set(source, left);
    }
  } finally {
    await client.end().catch(() => {
    });
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {
    });
    await admin.end().catch(() => {
    });
  }
  if (!removed) return { migrations, removed };
  const strip = (source) => {
    const left = kept.get(source);
    return left ? { ...capturedSource(source.file, left), firstLine: source.firstLine } : source;
  };
  return { migrations: migrations.map((m) => ({ ...m, up: strip(m.up), ...m.down ? { down: strip(m.down) } : {} })), removed };
}
function droppedColumns(nodes) {
  const out = /* @__PURE__ */ new Set();
  for (const n of nodes) {
    for (const c of alterCommands(n)) if (c.subtype === "AT_DropColumn" && n.relation?.relname) out.add(`${n.relation.relname}.${c.name}`);
  }
  return out;
}
async function changesNothing(client, node, dropped) {
  const cmds = alterCommands(node);
  if (!cmds.length || !node.relation?.relname) return false;
  const table = node.relation.schemaname ? `${quote(node.relation.schemaname)}.${quote(node.relation.relname)}` : quote(node.relation.relname);
  for (const cmd of cmds) {
    const column = cmd?.name;
    if (!column) return false;
    if (cmd.subtype === "AT_DropNotNull" && dropped.has(`${node.relation.relname}.${column}`)) continue;
    const found = await client.query(
      "SELECT attnotnull AS notnull, atthasdef AS hasdef, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped",
      [table, column]
    ).catch(() => ({ rows: [] }));
    const col = found.rows[0];
    if (!col) return false;
    if (cmd.subtype === "AT_DropNotNull" && !col.notnull) continue;
    if (cmd.subtype === "AT_ColumnDefault" && !cmd.def && !col.hasdef) continue;
    if (cmd.subtype === "AT_AlterColumnType" && await sameType(client, col.type, as(cmd.def, "ColumnDef"))) continue;
    return false;
  }
  return true;
}
async function sameType(client, current, def) {
  const names = (def?.typeName?.names ?? []).map((n) => str(n) ?? "");
  if (!def?.typeName || !names.length || def.collClause) return false;
  const mods = (def.typeName.typmods ?? []).map((m) => as(m, "A_Const")?.ival?.ival ?? "").join(",");
  const spelled = `${names.map(quote).join(".")}${mods ? `(${mods})` : ""}${def.typeName.arrayBounds ? "[]" : ""}`;
  const r = await client.query(`SELECT format_type($1::regtype, NULL) AS type`, [spelled]).catch(() => ({ rows: [] }));
  const target = r.rows[0]?.type;
  if (!target) return false;
  return current === target || current.replace(/\(.*\)/, "") === target && !mods;
}
function quote(name) {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

// src/frameworks/source-lines.ts
function locateStatements(source, statements, fn, otherFn) {
  const lines2 = source.split(/\r?\n/);
  const start = Math.max(
    0,
    lines2.findIndex((l) => fn.test(l))
  );
  let end = lines2.findIndex((l, i) => i > start && otherFn.test(l) && !fn.test(l));
  if (end < 0) end = lines2.length;
  const body = lines2.slice(start, end).map((l) => l.toLowerCase());
  const flat = flatten(body);
  let cursor = 0;
  return statements.map((sql) => {
    const found = textLine(flat, sql, cursor) ?? identifierLine(body, sql, cursor);
    if (found === void 0) return start + 1;
    cursor = found;
    return start + found + 1;
  });
}
function functionLine(source, fn) {
  return Math.max(
    0,
    source.split(/\r?\n/).findIndex((l) => fn.test(l))
  ) + 1;
}
function flatten(body) {
  let text = "";
  const lineOf2 = [];
  body.forEach((l, i) => {
    const part = `${l.replace(/\s+/g, " ").trim()} `;
    text += part;
    for (let k = 0; k < part.length; k++) lineOf2.push(i);
  });
  return { text, lineOf: lineOf2 };
}
function textLine(flat, sql, cursor) {
  const needle = sql.toLowerCase().replace(/\s+/g, " ").trim().slice(0, 40);
  if (needle.length < 12) return void 0;
  const from = flat.lineOf.indexOf(cursor);
  let at = flat.text.indexOf(needle, Math.max(0, from));
  if (at < 0) at = flat.text.indexOf(needle);
  return at < 0 ? void 0 : flat.lineOf[at];
}
function identifierLine(body, sql, cursor) {
  const names = identifiers(sql);
  if (!names.size) return void 0;
  const present = [...names.keys()].map((n) => ({ n, re: new RegExp(`(^|[^a-z0-9_])${n.replace(/[^a-z0-9_]/g, "\\$&")}($|[^a-z0-9_])`) }));
  const hits = body.map((l) => present.filter((p) => p.re.test(l)).map((p) => p.n));
  const lineCount = /* @__PURE__ */ new Map();
  for (const h of hits) for (const n of h) lineCount.set(n, (lineCount.get(n) ?? 0) + 1);
  const scores = hits.map((h) => h.reduce((sum, n) => sum + names.get(n) / lineCount.get(n), 0));
  const top = Math.max(0, ...scores);
  if (top === 0) return void 0;
  const near = (i) => scores[i] >= top * 0.8;
  let best = scores.findIndex((_, i) => i >= cursor && near(i));
  if (best < 0) best = scores.findIndex((_, i) => near(i));
  return best;
}
function identifiers(sql) {
  const out = /* @__PURE__ */ new Map();
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return out;
  }
  const add = (name, weight) => out.set(name, Math.max(out.get(name) ?? 0, weight));
  let first = true;
  for (const t of tokens) {
    if (t.tokenName !== "IDENT") continue;
    const name = t.text.replace(/^"|"$/g, "").toLowerCase();
    const scale = first ? 3 : 1;
    first = false;
    add(name, (name.length >= 3 ? 1 : 0.3) * scale);
    const parts = name.split("_").filter((p) => p.length >= 3);
    if (parts.length < 2) continue;
    parts.forEach((part, i) => add(part, (i === parts.length - 1 ? 0.8 : 0.25) * scale));
  }
  return out;
}

// src/report/clip.ts
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

// src/frameworks/capture.ts
async function captureFramework(db, o) {
  if (!db.url) throw new UsageError(`--framework ${o.framework.name} needs a Postgres server (--database local, container or url); ${db.kind} has no connection for another process`);
  const server = new URL(db.url);
  const database = `mg_framework_${randomBytes(4).toString("hex")}`;
  await db.exec(`CREATE DATABASE ${database}`);
  const proxy = await startCaptureProxy({ host: server.hostname, port: Number(server.port || 5432) });
  try {
    const target = {
      host: proxy.host,
      port: proxy.port,
      user: decodeURIComponent(server.username || "postgres"),
      database,
      ...server.password ? { password: decodeURIComponent(server.password) } : {}
    };
    const capture = await new FrameworkRun(o, proxy, commandEnv(process.env, target, o.env)).run();
    const { migrations, removed } = await withoutNoOpAlters(db.url, capture.migrations);
    if (removed) o.log(`${o.shown}: left out ${removed} ALTER statement${removed === 1 ? "" : "s"} that change nothing in the catalog (${o.framework.name} re-emits unchanged column properties)`);
    return { ...capture, migrations };
  } finally {
    await proxy.close();
    await db.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {
    });
  }
}
var ANCHORS = ["alembic.ini", "manage.py", "bin/rails", "Gemfile", "knexfile.js", "knexfile.ts", "knexfile.cjs", "knexfile.mjs", ".sequelizerc", "mix.exs", "package.json"];
var FrameworkRun = class {
  constructor(o, proxy, env) {
    this.o = o;
    this.proxy = proxy;
    this.env = env;
    this.fw = o.framework;
    this.cwd = o.cwd ? resolve2(o.project.dir, o.cwd) : o.project.dir;
    const entry = ANCHORS.find((f) => o.project.files.includes(f));
    this.anchor = entry ? join3(o.shown, entry) : o.shown;
  }
  o;
  proxy;
  env;
  findings = [];
  /** Where findings about the run as a whole point: the project's entry file, else its folder. */
  anchor;
  commands = [];
  /** The migrations the first migrate applied, in order. */
  order = [];
  fw;
  cwd;
  async run() {
    const { fw, o } = this;
    const migrateCommand = o.migrate ?? fw.migrate(o.project);
    const up = await this.command(migrateCommand, "up");
    if (up.result.exitCode === 127 && !up.statements.length) {
      throw new UsageError(
        `${o.shown}: the ${fw.name} command \`${migrateCommand}\` could not start (exit 127):
${outputTail(up.result, 6)}
Install the framework where migration-guard runs, or set framework.migrate${fw.name === "ecto" ? ", or lint the output of a run with --sql-log FILE" : ""}.`
      );
    }
    if (up.result.timedOut || up.result.exitCode !== 0) this.failed(up.result, "migrate", up.leftoverError);
    const order = up.segments.filter((s) => s.direction === "up").map((s) => s.id);
    this.order = order;
    const ups = new Map(up.segments.filter((s) => s.direction === "up").map((s) => [s.id, s]));
    this.unsegmented(up.leftover, "migrate");
    const sources = new Map(order.map((id) => [id, fw.sourceOf(id, o.project)]));
    const changed = (id) => {
      if (!o.changedFiles) return true;
      const file = sources.get(id);
      return !!file && o.changedFiles.changed.has(real(join3(o.project.dir, file)));
    };
    if (!order.length && up.result.exitCode === 0) o.log(`${o.shown}: ${fw.name} applied no migration`);
    const downs = /* @__PURE__ */ new Map();
    const downErrors = /* @__PURE__ */ new Map();
    if (o.rollBack && up.result.exitCode === 0) {
      const firstChanged = order.findIndex(changed);
      const applied = [...order];
      while (firstChanged >= 0 && applied.length > firstChanged) {
        const top = applied.at(-1);
        const command = o.rollback ?? fw.rollback(o.project, applied);
        const back = await this.command(command, "down");
        const mine = back.segments.find((s) => s.id === top && s.direction === "down");
        if (back.result.timedOut || back.result.exitCode !== 0 || !mine) {
          const refused = back.statements.find((st) => st.error && st.error.code !== "skipped");
          const pg = refused ? ` Postgres: ${refused.error.message} (in \`${oneLine(refused.sql)}\`).` : "";
          const why = back.result.exitCode === 0 && !mine ? `\`${command}\` ran but did not record ${top} as reverted${back.segments.length ? ` (it reverted ${back.segments.map((s) => s.id).join(", ")})` : ""}` : `\`${command}\` failed${back.result.timedOut ? ` (killed after ${o.timeoutMs / 1e3} s)` : ` (exit ${back.result.exitCode})`}.${pg}
${outputTail(back.result)}`;
          downErrors.set(top, why);
          const older = applied.slice(firstChanged, -1);
          if (older.length) o.log(`${o.shown}: the downs of ${older.join(", ")} were not captured: rolling back ${top} failed first`);
          break;
        }
        this.unsegmented(back.leftover, "rollback");
        downs.set(top, { segment: mine, blocks: back.blocks });
        applied.pop();
      }
      if (downs.size && !downErrors.size && o.step) await this.downsRightAfterUps(order.slice(firstChanged), o.step, downs);
      else if (downs.size && !downErrors.size) {
        const again = await this.command(migrateCommand, "up");
        if (again.result.timedOut || again.result.exitCode !== 0) this.failed(again.result, "re-apply after rollback", again.leftoverError);
      }
    }
    const built = order.map((id) => this.migration(id, ups.get(id), downs.get(id), downErrors.get(id), sources.get(id), changed(id), up.blocks));
    this.sharedTransactions(built);
    return { migrations: built.map((b) => b.migration), findings: this.findings, commands: this.commands };
  }
  /** From the first changed migration on: up one, back one (that down replaces the walk's), up one again. */
  async downsRightAfterUps(ids, step, downs) {
    const applied = this.order.slice(0, this.order.length - ids.length);
    for (const id of ids) {
      const forward = await this.command(step, "up");
      if (forward.result.exitCode !== 0 || !forward.segments.some((s) => s.id === id)) return this.failed(forward.result, `apply ${id} again`, forward.leftoverError);
      applied.push(id);
      const back = await this.command(this.o.rollback ?? this.fw.rollback(this.o.project, applied), "down");
      const mine = back.segments.find((s) => s.id === id && s.direction === "down");
      if (back.result.exitCode === 0 && mine) downs.set(id, { segment: mine, blocks: back.blocks });
      const again = await this.command(step, "up");
      if (again.result.exitCode !== 0) return this.o.log(`${this.o.shown}: ${id} does not apply again after its rollback; the downs after it were captured by the rollback walk`);
    }
  }
  /** Run one command through the proxy and segment what it sent. */
  async command(command, running) {
    this.o.log(`${this.o.shown}: ${command}`);
    this.proxy.take();
    const result = await runCommand(command, this.cwd, this.env, this.o.timeoutMs);
    const statements = capturedStatements(this.proxy.take());
    this.commands.push({ command, exitCode: result.exitCode, ms: result.ms, statements: statements.length });
    const { segments, leftover } = segment(statements, this.fw.versionTable, running);
    const leftoverError = leftover.find((s) => s.error && s.error.code !== "skipped");
    return { result, statements, segments, leftover, leftoverError, blocks: transactionNumbers(statements) };
  }
  migration(id, up, down, downError, file, isChanged, blocks) {
    const { fw, o } = this;
    const shownFile = file ? join3(o.shown, file) : join3(o.shown, `${id} (source not found)`);
    const text = file ? o.project.read(file) : "";
    const sqlOf = (seg, dir, inBlocks) => migrationSql(seg, fw.versionTable, shownFile, (sql) => locateStatements(text, sql, dir === "up" ? fw.upFunction : fw.downFunction, dir === "up" ? fw.downFunction : fw.upFunction), inBlocks);
    const upSql = sqlOf(up, "up", blocks);
    const downSql = down ? sqlOf(down.segment, "down", down.blocks) : void 0;
    const abs = file ? real(join3(o.project.dir, file)) : "";
    const m = {
      id,
      version: id,
      name: id,
      layout: fw.name,
      up: upSql.source,
      ...downSql ? { down: downSql.source } : {},
      transactional: upSql.transactional,
      ...downSql && downSql.transactional !== upSql.transactional ? { downTransactional: downSql.transactional } : {},
      changed: isChanged,
      ...o.changedFiles ? { added: o.changedFiles.added.has(abs) } : {}
    };
    if (isChanged && !file)
      this.findings.push(
        this.finding("framework-unsegmented-sql", shownFile, 1, `${fw.name} applied ${id}, but no source file of the project declares it: its findings point at the project folder`, id)
      );
    if (isChanged && downError) this.findings.push(this.finding("missing-down", shownFile, functionLine(text, fw.downFunction), `${fw.name} cannot roll back ${id}: ${downError}`, id));
    return { migration: m, ...upSql.transaction !== void 0 ? { transaction: upSql.transaction } : {} };
  }
  /** A migrate or rollback command that failed: the framework's own words, on the migration it was running. */
  failed(result, what, error) {
    const pg = error ? ` Postgres: ${error.error.message} (in \`${oneLine(error.sql)}\`).` : "";
    const how = result.timedOut ? `was killed after ${this.o.timeoutMs / 1e3} s` : `failed (exit ${result.exitCode})`;
    this.findings.push(this.finding("framework-command-failed", this.anchor, 1, `${what}: \`${result.command}\` ${how}.${pg}
${outputTail(result)}`));
  }
  /** Statements after the last version-table write that are not the framework's own. */
  unsegmented(leftover, what) {
    const own = leftover.filter((s) => !isFrameworkNoise(s, this.fw.versionTable) && s.kind !== "TransactionStmt");
    if (!own.length) return;
    this.findings.push(
      this.finding(
        "framework-unsegmented-sql",
        this.anchor,
        1,
        `${what} sent ${own.length} statement${own.length === 1 ? "" : "s"} that no ${this.fw.versionTable.table} write assigns to a migration (not linted or verified): ${own.slice(0, 3).map((s) => `\`${oneLine(s.sql)}\``).join(", ")}${own.length > 3 ? ", \u2026" : ""}`
      )
    );
  }
  /** Several migrations in one transaction block: the locks of the first are held until the last commits. */
  sharedTransactions(built) {
    const byBlock = /* @__PURE__ */ new Map();
    for (const { migration, transaction } of built) if (transaction !== void 0) byBlock.set(transaction, [...byBlock.get(transaction) ?? [], migration]);
    for (const shared of byBlock.values()) {
      if (shared.length < 2 || !shared.some((m) => m.changed)) continue;
      const first = shared[0];
      this.findings.push(
        this.finding(
          "framework-shared-transaction",
          first.up.file,
          first.up.firstLine,
          `${this.fw.name} ran ${shared.length} migrations in one transaction (${shared.map((m) => m.id).join(", ")}): every lock the first takes is held until the last commits`,
          first.id
        )
      );
    }
  }
  finding(rule, file, line, message, migration) {
    return finding(rule, { file, line, migration }, message);
  }
};
function oneLine(sql) {
  return clip(sql.replace(/\s+/g, " ").trim(), 100);
}
function real(path) {
  try {
    return realpathSync2(path);
  } catch {
    return resolve2(path);
  }
}

// src/frameworks/project.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
var SKIPPED = /* @__PURE__ */ new Set(["node_modules", ".git", "__pycache__", "venv", ".venv", "env", "_build", "deps", "vendor", "tmp", "log", "coverage", ".tox", ".mypy_cache", "site-packages"]);
var MAX_FILES = 5e4;
var MAX_DEPTH = 10;
function loadProject(dir) {
  const files = [];
  const walk = (abs, rel, depth) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync2(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) walk(join4(abs, e.name), path, depth + 1);
      } else if (e.isFile()) files.push(path);
    }
  };
  walk(dir, "", 0);
  const cache = /* @__PURE__ */ new Map();
  return {
    dir,
    files,
    read(file) {
      let text = cache.get(file);
      if (text === void 0) {
        try {
          text = readFileSync3(join4(dir, file), "utf8");
        } catch {
          text = "";
        }
        cache.set(file, text);
      }
      return text;
    }
  };
}

export {
  clip,
  whyNotAFile,
  isDirectory,
  isFile,
  listDir,
  pathShower,
  displayPath,
  readText,
  unreadableFinding,
  lines,
  isEmptySql,
  readSqlFile,
  filesMatching,
  findMarkers,
  upDownSections,
  fileHas,
  compareWithBase,
  onlyChanged,
  filesChangedSince,
  ensureBaseCommit,
  mergeBase,
  isFrameworkNoise,
  capturedSource,
  scrubbedEnv,
  captureFramework,
  FrameworkRun,
  loadProject
};

// A process-wide registry of "stop this database" functions, so a throwaway
// database never outlives the run: on success and failure the provider's stop()
// runs (and unregisters); on SIGINT/SIGTERM/SIGHUP every registered stop runs, then
// the process exits 130/143/129 (128 + signal number, as a shell reports it); on 'exit' (an uncaught error, process.exit elsewhere)
// the synchronous fallbacks run: kill the process group, rm -rf, docker rm -f.
//
// Signal handlers are installed only while something is registered, so a run
// without a throwaway database keeps Node's default signal behaviour.

/** One registered cleanup. */
interface Entry {
  name: string;
  stop: () => Promise<void>;
  /** Best effort without the event loop (the 'exit' event, a second Ctrl-C). */
  stopSync?: () => void;
}

const entries = new Set<Entry>();
let installed = false;
let exiting = false;

/** How long a signal waits for the asynchronous stops before the synchronous fallbacks. */
const SIGNAL_GRACE_MS = 10_000;

/** Registers a cleanup; returns the function that unregisters it (call it once stop() has run). */
export function registerCleanup(name: string, stop: () => Promise<void>, stopSync?: () => void): () => void {
  const entry: Entry = { name, stop, stopSync };
  entries.add(entry);
  install();
  return () => {
    entries.delete(entry);
    if (entries.size === 0) uninstall();
  };
}

/** The names of the cleanups still pending (tests and diagnostics). */
export function pendingCleanups(): string[] {
  return [...entries].map((e) => e.name);
}

/** Runs every registered stop (in parallel, each at most `graceMs`), then the sync fallback of those that failed or hung. */
export async function runCleanups(graceMs = SIGNAL_GRACE_MS): Promise<void> {
  const all = [...entries];
  await Promise.all(
    all.map(async (entry) => {
      let timer: NodeJS.Timeout | undefined;
      const ok = await Promise.race([
        entry.stop().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (!ok) runSync(entry);
      entries.delete(entry);
    }),
  );
  if (entries.size === 0) uninstall();
}

function runSync(entry: Entry): void {
  try {
    entry.stopSync?.();
  } catch {
    // best effort: the process is going away
  }
}

function onSignal(signal: NodeJS.Signals): void {
  const code = signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143;
  if (exiting) {
    // a second Ctrl-C: do what can be done synchronously, now
    for (const entry of entries) runSync(entry);
    entries.clear();
    process.exit(code);
  }
  exiting = true;
  process.stderr.write(`\nmigration-guard: ${signal}, stopping the throwaway database…\n`);
  void runCleanups().finally(() => process.exit(code));
}

function onExit(): void {
  for (const entry of entries) runSync(entry);
  entries.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed || exiting) return;
  installed = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  process.off('exit', onExit);
}

#!/usr/bin/env node
// `npx migration-guard`: the bundled CLI (npm run build → build/cli.js).
import { runMain } from '../build/cli.js';

await runMain();

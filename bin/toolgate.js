#!/usr/bin/env -S node --no-node-snapshot
// isolated-vm requires --no-node-snapshot on Node >= 20; the shebang passes it. See src/cli.ts for commands.
import '../dist/src/cli.js';

#!/usr/bin/env bash
# Formatting (Prettier), then ESLint with zero warnings. @nx/enforce-module-boundaries reads Nx's cached
# project graph and silently checks nothing without it, so compute it first.
set -euo pipefail
cd "$(dirname "$0")/.."
# The lockfile must drive `npm ci` on every platform (package.json drift, missing optional binaries).
node scripts/check-lockfile.cjs
npx prettier --check --log-level warn "**/*.{ts,cjs,mjs,json}"
mkdir -p tmp
NX_DAEMON=false npx nx graph --file=tmp/project-graph.json >/dev/null
npx eslint . --max-warnings 0

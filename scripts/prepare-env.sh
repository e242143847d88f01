#!/usr/bin/env bash
# Everything `npm start` and `npm test` need before they run: dependencies,
# Postgres (with pgvector) and Redis, the Prisma client, and the migrations.
# Idempotent and quiet when all is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Exactly the locked tree, as CI and the Dockerfile install it (the lockfile
  # has every platform's optional binaries: scripts/check-lockfile.cjs).
  echo "prepare: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh
bash scripts/prisma-generate.sh
node scripts/run-ts.cjs apps/cli/src/main.ts migrate >/dev/null

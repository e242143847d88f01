#!/usr/bin/env bash
# Everything `npm start` and `npm test` need before they run: dependencies,
# Postgres (with pgvector) and Redis, the Prisma client, and the migrations.
# Idempotent and quiet when all is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install`, not `npm ci`: it keeps the locked versions too, and does not
  # insist on lock entries for other platforms' native binaries, which the
  # registry mirrors of these machines do not carry (so no lockfile here has them).
  echo "prepare: installing dependencies (npm install)"
  npm install --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh
bash scripts/prisma-generate.sh
node scripts/run-ts.cjs apps/cli/src/main.ts migrate >/dev/null

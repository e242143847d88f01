#!/usr/bin/env bash
# `npm test`: prepares the machine like `npm start`, then runs every tier:
# typecheck and lint, unit + integration tests of every project (Nx), then the
# end-to-end test that starts the three apps as processes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare-env.sh
# kustomize renders deploy/k8s for the deployment checks (tests only: npm start does not need it).
bash deploy/scripts/install-tools.sh
export NX_DAEMON=false NX_NO_CLOUD=true
rm -rf tmp/test-results  # filled by scripts/jest-summary-reporter.cjs
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== lint"
bash scripts/lint.sh
echo "== unit and integration tests"
npx nx run-many -t test --outputStyle=static
echo "== end-to-end test"
npx nx run e2e:e2e --outputStyle=static
node scripts/test-summary.cjs

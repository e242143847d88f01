#!/usr/bin/env bash
# `npm start`: prepares the machine, then runs api, worker and scheduler together
# in the foreground. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare-env.sh

port=${API__PORT:-${PORT:-3000}}
cat <<MSG

Copilot Platform
  api        http://127.0.0.1:${port}   (try: curl http://127.0.0.1:${port}/ready)
  worker     http://127.0.0.1:${WORKER_PORT:-9464}/metrics
  scheduler  http://127.0.0.1:${SCHEDULER_PORT:-9465}/metrics
Get an API key (in another terminal):
  npm run cli -- tenant:create acme
  npm run cli -- key:create --tenant acme --scopes chat:read,chat:write

MSG
# Compiled, as the production images run them (scripts/build.cjs, about a second).
node scripts/build.cjs
exec npx concurrently --kill-others --kill-signal SIGTERM --names api,worker,scheduler --prefix-colors blue,magenta,green \
  "node dist/apps/api/src/main.js" \
  "node dist/apps/worker/src/main.js" \
  "node dist/apps/scheduler/src/main.js"

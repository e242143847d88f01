#!/usr/bin/env bash
# Generates the Prisma client when schema.prisma changed (or it was never generated).
# `prisma generate` does not use the native schema engine, but every Prisma 7 CLI
# command first tries to download it, which fails on machines without a route to
# Prisma's binary host: point it at a stub so generation works offline too.
set -euo pipefail
cd "$(dirname "$0")/.."
out=libs/persistence/src/generated/prisma
stamp=$out/.schema.sha256
sum=$(sha256sum prisma/schema.prisma | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then exit 0; fi
stub=$(mktemp)
printf '#!/bin/sh\nexit 0\n' >"$stub" && chmod +x "$stub"
PRISMA_SCHEMA_ENGINE_BINARY=$stub PRISMA_HIDE_UPDATE_MESSAGE=1 npx prisma generate >/dev/null
rm -f "$stub"
echo "$sum" >"$stamp"
echo "prisma: client generated"

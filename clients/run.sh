#!/usr/bin/env bash
# The typed clients: installs the pinned generators (npm ci), regenerates
# clients/typescript/src/generated from schema.graphql and openapi/openapi.json, fails
# when that differs from what is committed (an operation that no longer validates
# fails generation itself), then type-checks the package with `tsc --strict`.
# Needs Node 20 and npm.
#
#   clients/run.sh
set -euo pipefail
cd "$(dirname "$0")/typescript"

echo "installing the generators (npm ci)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null

echo "regenerating src/generated from schema.graphql and openapi/openapi.json"
# From scratch, so a file no longer generated shows up as deleted; the previous files
# are put back when generation fails (say, an operation asks for a field the schema
# no longer has), so the failure leaves nothing to clean up.
previous=$(mktemp -d)
mv src/generated "$previous/"
if ! npm run --silent generate >/dev/null; then
  rm -rf src/generated
  mv "$previous/generated" src/
  rmdir "$previous"
  echo "generation failed: the operations above do not validate against schema.graphql"
  exit 1
fi
rm -rf "$previous"

echo "comparing with the committed src/generated"
# Against git's index: in a clean clone that is the commit; while working, staged
# files count as committed.
untracked=$(git ls-files --others --exclude-standard -- src/generated)
if ! git --no-pager diff --exit-code --stat -- src/generated || [ -n "$untracked" ]; then
  [ -z "$untracked" ] || printf 'not committed: %s\n' $untracked
  echo "src/generated differs from what schema.graphql and openapi/openapi.json generate:"
  echo "commit the regenerated files (or fix the operation that changed them)"
  exit 1
fi

echo "type-checking (tsc --noEmit --strict)"
npx --no-install tsc --noEmit --strict -p tsconfig.json
echo "typed clients: up to date and type-correct"

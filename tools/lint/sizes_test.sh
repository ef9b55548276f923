#!/bin/bash
# Runs tools/lint/sizes over the source tree's core/ and cli/ (see its header
# for the limits, the scope and the `// Long on purpose:` exception).
#
# How it reaches the sources: a Bazel glob cannot cross package boundaries,
# and core/ is many packages (which move), so the test takes only the script
# as data and follows its runfiles symlink back to the workspace the script
# lives in, then checks that tree. The result therefore depends on files Bazel
# does not track: the target is tagged "external" so it is never cached and
# always reads the tree as it is now.
set -euo pipefail

script="${TEST_SRCDIR:-}/${TEST_WORKSPACE:-__main__}/tools/lint/sizes"
[[ -e "$script" ]] || script="$(dirname "$0")/sizes"
real="$(readlink -f "$script")"
root="$(cd "$(dirname "$real")/../.." && pwd)"
if [[ ! -f "$root/WORKSPACE" || ! -d "$root/core" || ! -d "$root/cli" ]]; then
  echo "sizes_test: $real is not inside the source tree ($root has no" \
       "WORKSPACE, core/ and cli/)" >&2
  exit 2
fi
echo "sizes_test: checking $root"
exec /usr/bin/python3 "$real" "$root"

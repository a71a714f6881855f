// The two scripts Gradescope runs: setup.sh once when it builds the image, run_autograder once per submission.

import { MAX_ROOT_DEPTH } from '../uploads/solution-root.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import type { GradescopeOptions } from '../model/report.js';

/** Node major installed from NodeSource: Ubuntu's own nodejs is older than the grader's minimum (20). */
export const NODE_MAJOR = 22;

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function setupScript(ids: string[]): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source while it builds the autograder image.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive

apt-get update
# bubblewrap: the grader's outer sandbox (no network, read-only view); it falls back to the Node permission model
# and rlimits by itself when the container does not allow user namespaces.
apt-get install -y --no-install-recommends ca-certificates curl gnupg bubblewrap
major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(major)" -lt 20 ]; then
  curl -fsSL https://deb.nodesource.com/setup_${NODE_MAJOR}.x | bash -
  apt-get install -y nodejs
fi
node --version

# The lock file pins every package; dev tools (tests, type definitions) are not needed to grade.
npm ci --omit=dev --no-audit --no-fund

# Warm the reference cache now, so no submission waits for the references: grading an empty folder computes and
# caches them (exit 1 = every part missing, as expected; 2 or 3 = a spec or reference problem, which must stop the build).
empty="$(mktemp -d)"
status=0
node bin/grade.js ${ids.map(q).join(' ')} --submission "$empty" --format json > /dev/null || status=$?
rm -rf "$empty"
if [ "$status" -gt 1 ]; then echo "setup: the grader could not prepare the exercises (exit $status)" >&2; exit "$status"; fi
echo "setup: ready"
`;
}

/** When on-submit parts' results reach students (report/gradescope.ts): the course's choice, fixed in the bundle. */
export type RevealSetting = GradescopeOptions;

/** The grade options that carry a RevealSetting. */
export function revealArgs(s: RevealSetting): string[] {
  return [`--reveal`, s.reveal ?? 'after_due_date', ...(s.revealScores ? ['--reveal-scores'] : [])];
}

export function runAutograderScript(ids: string[], reveal: RevealSetting = {}): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission. It grades /autograder/submission with the bundled grader and writes
# /autograder/results/results.json. AUTOGRADER_ROOT replaces /autograder (tests run it against a simulated tree).
# It always exits 0: Gradescope reads results.json, and a non-zero exit would only hide the explanation written there.
set -u
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results"
EXERCISES=(${ids.map(q).join(' ')})

mkdir -p "$RESULTS"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/submission"
TAB="$(printf '\\t')"

# Students upload files, or a zip whose files sit in a folder: take the top-level .ts files, then find each
# exercise file that is still missing at most ${MAX_ROOT_DEPTH} folders down, as deep as grade batch looks for a
# solution folder: the shallowest match wins, then the first by name, folder by folder; hidden folders, __MACOSX and
# node_modules are skipped, and find enters no symbolic link (-type f takes no linked file).
for f in "$ROOT"/submission/*.ts; do
  [ -f "$f" ] && cp "$f" "$work/submission/"
done
for id in "\${EXERCISES[@]}"; do
  if [ ! -f "$work/submission/$id.ts" ]; then
    found="$(cd "$ROOT/submission" && find . -mindepth 2 -maxdepth ${MAX_ROOT_DEPTH + 1} -type f -name "$id.ts" \\
      -not -path '*/.*' -not -path '*/__MACOSX/*' -not -path '*/node_modules/*' 2>/dev/null |
      awk '{ k = $0; n = gsub("/", "\\001", k); print n "\\t" k "\\t" $0 }' |
      LC_ALL=C sort -t "$TAB" -k1,1n -k2,2 | head -n 1 | cut -f3-)"
    [ -n "$found" ] && [ -f "$ROOT/submission/$found" ] && cp "$ROOT/submission/$found" "$work/submission/$id.ts"
  fi
done
# No .ts file, but a zip that Gradescope left packed (\`grade pack\`'s submission.zip): the grader extracts it itself,
# with the extractor grade batch uses (no path outside the folder, no link, no bomb); a refusal lands in results.json.
# The grader runs inside $work and is given relative paths, so what a student reads ("submission/he-init.ts not found")
# names their upload, never this script's temporary folder.
target="submission"
if [ -z "$(ls -A "$work/submission")" ]; then
  for z in "$ROOT"/submission/*.zip; do
    if [ -f "$z" ]; then cp "$z" "$work/$(basename "$z")"; target="$(basename "$z")"; break; fi
  done
fi
echo "run_autograder: grading \${EXERCISES[*]} from: $([ -d "$work/$target" ] && (cd "$work/$target" && ls -1 | tr '\\n' ' ') || echo "$target")"

# The sandbox's memory limit fitted to the container: Gradescope's default one has 768 MB, less than the grader's
# default ${DEFAULT_LIMITS.memoryMb} MB, so the kernel would kill the child before its own limit speaks. The cgroup's limit (v2, else v1)
# minus headroom for the grader process; no limit found (or a v1 "unlimited") keeps the default.
CGROUP="\${TFGRADE_CGROUP_ROOT:-/sys/fs/cgroup}"
HEADROOM_MB=320
memory=()
for f in "$CGROUP/memory.max" "$CGROUP/memory/memory.limit_in_bytes"; do
  v="$(cat "$f" 2>/dev/null || true)"
  case "$v" in ''|max|*[!0-9]*) continue ;; esac
  mb=$(( v / 1048576 - HEADROOM_MB ))
  if [ "$mb" -lt ${DEFAULT_LIMITS.memoryMb} ]; then
    [ "$mb" -lt 256 ] && mb=256
    memory=(--memory "$mb")
  fi
  break
done
echo "run_autograder: sandbox memory \${memory[1]:-${DEFAULT_LIMITS.memoryMb} (default)} MB"

cd "$work" || exit 0
status=0
node "$SOURCE/bin/grade.js" "\${EXERCISES[@]}" --submission "$target" \${memory[@]+"\${memory[@]}"} --format gradescope ${revealArgs(reveal).map(q).join(' ')} --out "$RESULTS/results.json" > /dev/null 2> "$work/stderr" || status=$?
cat "$work/stderr" >&2
echo "run_autograder: grader exit code $status (0 all passed, 1 some part did not, 2 usage/spec, 3 internal)"

# 0 and 1 wrote results.json; 2 and 3 did not: leave Gradescope a results.json that says what happened.
if [ ! -s "$RESULTS/results.json" ]; then
  ERR_FILE="$work/stderr" OUT="$RESULTS/results.json" node -e '
    const fs = require("node:fs");
    const err = fs.readFileSync(process.env.ERR_FILE, "utf8").slice(-4000);
    const output = "The autograder could not grade this submission. Please tell your instructor.\\n\\n" + err;
    fs.writeFileSync(process.env.OUT, JSON.stringify({ score: 0, output, output_format: "text", stdout_visibility: "hidden", tests: [] }));
  ' || printf '%s\\n' '{"score": 0, "output": "The autograder could not run. Please tell your instructor.", "output_format": "text", "tests": []}' > "$RESULTS/results.json"
fi
exit 0
`;
}

#!/usr/bin/env bash
# Figures the docs quote from sysgate itself are what sysgate prints now: every
# output line shown under a "$ sysgate jail ... --explain" in docs/*.md appears in
# the real output, and the default profile's counts in the prose match it.
. "$(dirname "$0")/lib.sh"
docs=$(cd "$(dirname "$0")/../docs" && pwd)
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# Each "$ sysgate jail ... --explain [| tail -N]" block whose input is on this
# machine, as: command, then its shown lines; a blank line ends a block. A file
# the docs show with "$ cat FILE" (a learned profile) is written to files/ as
# shown, and the commands run there: the counts quoted for it are the tool's.
mkdir "$t/files"
python3 - "$t/files" "$docs"/*.md > "$t/blocks" <<'PY'
import os, re, sys
files = sys.argv[1]
for path in sys.argv[2:]:
    cmd = None
    shown = None
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("$ ") or line.startswith("```"):
            if cmd: print()
            cmd = None
            if shown: shown.close()
            shown = None
            c = re.match(r"\$ cat (\S+)$", line)
            if c: shown = open(os.path.join(files, os.path.basename(c.group(1))), "w")
            m = re.match(r"\$ sysgate (jail (?:--profile (\S+) )?--explain)( \| tail -\d+)?$", line)
            if m and (not m.group(2) or os.path.exists(m.group(2)) or
                      os.path.exists(os.path.join(files, m.group(2)))):
                cmd = m.group(1)
                print(os.path.basename(path) + "\t" + cmd)
        elif cmd:
            print(line)
        elif shown:
            shown.write(line + "\n")
    if cmd: print()
PY
nblocks=$(grep -c $'\t''jail' "$t/blocks")
plan $((nblocks + 1))

while IFS=$'\t' read -r doc cmd; do
  # shellcheck disable=SC2086
  (cd "$t/files" && "$SYSGATE" $cmd) > "$t/real" 2>&1
  missing=""
  while IFS= read -r shown && [ -n "$shown" ]; do
    grep -qxF -- "$shown" "$t/real" || missing+="$shown | "
  done
  is "$missing" "" "$doc: what 'sysgate $cmd' shows is what it prints now"
done < "$t/blocks"

real=$("$SYSGATE" jail --explain | sed -nE 's/^allowed: ([0-9]+) syscalls, ([0-9]+) more.*/\1 \2/p')
bpf=$("$SYSGATE" jail --explain | sed -nE 's/^bpf: ([0-9]+) instructions.*/\1/p')
prose=$(tr '\n' ' ' < "$docs/jail.md" | grep -oE '\(([0-9]+) syscalls plus ([0-9]+) +allowed under conditions, ([0-9]+) BPF instructions\)' |
        sed -E 's/\(([0-9]+) syscalls plus ([0-9]+) +allowed under conditions, ([0-9]+) BPF.*/\1 \2 \3/')
is "$prose" "$real $bpf" "jail.md's prose counts for the default profile are the tool's"

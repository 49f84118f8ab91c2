#!/usr/bin/env bash
# sysgate jail --timeout SEC: the command and everything it started are killed
# after SEC seconds; the status is 124 (as timeout(1)) and the reason is printed.
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
plan 9
J() { timeout 60 "$SYSGATE" jail "$@"; }
now() { date +%s%N; }

s=$(now); J --timeout 1 -- sleep 30 2>"$t/e"; st=$?; ms=$((($(now) - s) / 1000000))
is "$st" 124 "sleep 30 under --timeout 1 ends with status 124"
ok "$([ "$ms" -lt 10000 ] && echo y)" "it ends long before 30 s ($ms ms)"
is "$(cat "$t/e")" "sysgate: jail: timed out after 1 s; the command was killed" "the reason is printed"

# A child of the command holding stdout open is killed too: the pipe closes.
s=$(now); out=$(J --timeout 1 -- sh -c 'sleep 30 & sleep 30; echo late' 2>/dev/null); st=$?
ms=$((($(now) - s) / 1000000))
is "$st:$out" "124:" "sh with a background sleep: killed, nothing printed late"
ok "$([ "$ms" -lt 10000 ] && echo y)" "the pipe closed with the tree ($ms ms)"

# With a pid namespace the whole namespace goes.
out=$(J --unshare-all --net none --timeout 1 -- sh -c 'sleep 30; echo late' 2>/dev/null)
is "$?:$out" "124:" "--unshare-all: killed with its pid namespace"

# A command that ends in time keeps its own status.
J --timeout 5 -- sh -c 'exit 3'
is "$?" 3 "a command that ends in time keeps its status"
is "$(J --timeout 5 -- echo hi 2>&1)" "hi" "and prints no timeout message"
J --timeout 0 -- true 2>"$t/bad"
ok "$(grep -F -- "--timeout" "$t/bad")" "--timeout 0 is refused"

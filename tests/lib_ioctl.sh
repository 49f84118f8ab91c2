# What the ioctl family tests share (decode_ioctl_5.t and later): a program in
# tests/progs makes a family's requests on fd -1 with every struct filled in;
# strace and sysgate run it under the same options and their ioctl lines must
# be equal, then the in-process backends must print what ptrace prints.
# Sourced after lib.sh; needs $t (a temp dir) and $P (the program). A test
# with its own norm() defines it after sourcing this.

# The options compared with strace: as it is (each request fails), then every
# call made to succeed so that what it gets back is printed.
IOCTL_CASES=("" "-e inject=ioctl:retval=0" "-v -e inject=ioctl:retval=0"
             "-X raw -e inject=ioctl:retval=0" "-X verbose -e inject=ioctl:retval=0"
             "-e verbose=none -e inject=ioctl:retval=0")

# The ioctl lines of FILE, addresses normalised (and IOCTL_NORM_EXTRA, a sed
# script, applied); a run that printed none says so (and so differs from any
# other).
norm() {
  local lines
  lines=$(grep '^ioctl(' "$1" 2> /dev/null) || { echo "no ioctl lines in $1"; return; }
  sed -E "s/0x7ff[0-9a-f]{6,}/ADDR/g; ${IOCTL_NORM_EXTRA:-}" <<< "$lines"
}

# ioctl_vs_strace WHAT: one test per case of IOCTL_CASES; sysgate's output of
# case i stays in $t/g$i.out for the test's own checks.
ioctl_vs_strace() {
  local opts i=0
  for opts in "${IOCTL_CASES[@]}"; do
    i=$((i + 1))
    if ! command -v strace > /dev/null; then
      skip "strace is not installed: nothing to compare with"
      continue
    fi
    # shellcheck disable=SC2086
    TZ=UTC strace $opts -e trace=ioctl -o "$t/s.out" "$P" > /dev/null 2>&1
    # shellcheck disable=SC2086
    TZ=UTC "$SYSGATE" trace $opts -e trace=ioctl -o "$t/g$i.out" "$P" > /dev/null 2>&1
    is "$(diff <(norm "$t/s.out") <(norm "$t/g$i.out") | head -10)" "" \
      "${opts:-as it is}: $1 lines as strace prints them"
  done
}

# ioctl_inproc_same N: ptrace traces all N requests (one test), and sud and
# rewrite print the same lines (ioctl_backends_same).
ioctl_inproc_same() {
  TZ=UTC "$SYSGATE" trace -e trace=ioctl -o "$t/p.out" "$P" > /dev/null 2>&1
  norm "$t/p.out" > "$t/p.norm"
  ok "$(grep -c . "$t/p.norm" | grep -qx "$1" && echo y)" "every request traced"
  ioctl_backends_same "$t/p.norm"
}

# ioctl_backends_same REF: sud and rewrite print REF's lines, ptrace's as norm
# made them (a test each, or a skip with the reason).
ioctl_backends_same() {
  local b extra
  for b in sud rewrite; do
    extra=(); [ $b = rewrite ] && extra=(--allow-page0)
    if ! "$SYSGATE" trace --backend $b "${extra[@]}" -o "$t/probe" -- /bin/true 2> "$t/probe.err"; then
      skip "$b: $(head -1 "$t/probe.err")"
      continue
    fi
    "$SYSGATE" trace --backend $b "${extra[@]}" -e trace=ioctl -o "$t/$b.out" "$P" > /dev/null 2>&1
    is "$(norm "$t/$b.out")" "$(cat "$1")" "$b: the same lines as ptrace"
  done
}

#!/usr/bin/env bash
# tests/taint_rules.t again with every open notified (--opens seccomp), the path taken
# without CAP_SYS_ADMIN or when the command inherits a way out.
TAINT_OPENS=seccomp exec bash "$(dirname "$0")/taint_rules.t"

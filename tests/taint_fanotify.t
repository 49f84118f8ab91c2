#!/usr/bin/env bash
# tests/taint.t again with read-only opens observed by fanotify (--opens fanotify):
# the same matrix must hold in both ways of opening.
TAINT_OPENS=fanotify exec bash "$(dirname "$0")/taint.t"

#!/usr/bin/env bash
# Runs aos-plugin-check as a Bazel test: the arguments are the checker and
# its own arguments (see tools/build_defs/plugin.bzl).
exec "$@"

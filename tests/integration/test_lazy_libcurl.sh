#!/usr/bin/env bash
# libcurl is not linked: the loader never maps it for commands that stay offline
# (--version, --help, detect), and a command that talks to the server loads it.
source "$(dirname "$0")/lib.sh"

# ld.so's own list of what the executable needs (what ldd prints)
deps=$(LD_TRACE_LOADED_OBJECTS=1 "$WIZ_BIN" 2>&1)
assert_contains "$deps" "libc.so"
assert_not_contains "$deps" "libcurl"

# LD_DEBUG=files names every object the loader maps, at exec or by dlopen
for args in --version --help "detect --install-dir $WIZ_TEST_SRC/workbench/apps/vue/movies"; do
  # shellcheck disable=SC2086
  expect_rc 0 env LD_DEBUG=files "$WIZ_BIN" $args
  assert_not_contains "$ERR" "libcurl"
done

start_standin
expect_rc 0 env LD_DEBUG=files "$WIZ_BIN" login --ci --signup --email lazy@example.com --full-name Lazy --accept-tos
assert_contains "$ERR" "file=libcurl.so.4"
echo ok

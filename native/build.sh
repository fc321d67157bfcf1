#!/usr/bin/env bash
# Builds the native code incrementally: native/c with CMake into native/build, native/rust with cargo
# (release) into native/rust/target. Called by `make native` and, through native/Native.targets, by the
# `dotnet build`/`dotnet test` of every lab that loads native code, so each of those commands stands alone.
#   native/build.sh [c|rust|all]      (default: all)
# Two builds may start at once (MSBuild builds projects in parallel, a learner runs two commands): they
# take turns on a lock (flock on native/build/.lock); the second then finds everything up to date.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
what="${1:-all}"
build="$here/build"
case "$what" in c|rust|all) ;; *) echo "usage: native/build.sh [c|rust|all]" >&2; exit 2 ;; esac

mkdir -p "$build"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$build/.lock"
  flock 9
fi

build_c() {
  if ! command -v cmake >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
    echo "native: cmake and a C compiler are needed to build native/c: run \`make setup\` (Debian packages cmake gcc make)" >&2
    return 1
  fi
  # Configure once; afterwards `cmake --build` re-runs the configuration itself when a CMakeLists.txt changed.
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here/c" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)"
  touch "$build/native-c.stamp"
}

build_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "native: cargo is needed to build native/rust: run \`make setup\` (Debian package cargo) or install Rust with rustup" >&2
    return 1
  fi
  cargo build --offline --release --quiet --manifest-path "$here/rust/Cargo.toml"
  touch "$here/rust/target/release/native-rust.stamp"
}

case "$what" in
  c) build_c ;;
  rust) build_rust ;;
  all) build_c; build_rust ;;
esac

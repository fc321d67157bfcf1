#!/usr/bin/env bash
# Installs what the labs need on Debian/Ubuntu, only what is missing (idempotent):
# server programs the harness starts (PostgreSQL, Redis), tools the labs call, fonts for plots.
set -euo pipefail

packages=(
  postgresql postgresql-contrib   # embedded clusters: initdb, pg_ctl, pg_basebackup, pg_rewind
  redis-server                    # embedded Redis
  fonts-dejavu-core               # ScottPlot needs a font to draw text in plots
  shellcheck                      # lint of the lab's bash scripts
  cmake gcc g++ make valgrind     # native/c: build, ctest, memcheck
  fortunes                        # real English prose: the MapReduce word count, the Huffman text input (/usr/share/games/fortunes)
  libopenblas0                    # lab 1.5: OpenBLAS dgemm, the native baseline of the matrix-multiply kernels (P/Invoke)
  prometheus                      # the harness's embedded Prometheus server (PrometheusServer; lab 3.2 scrapes its model server)
  wrk                             # lab 3.2: HTTP load generator for the model server (requests/s and p99 under load)
  chromium                        # headless browser for the tests that open generated pages (HeadlessChromium)
)

# s3rver, pinned by infra/s3rver/package-lock.json, installed into that folder (not globally) once node and npm are present.
install_s3rver() {
  local dir="${BASH_SOURCE[0]%/*}/../s3rver"
  if [ -f "$dir/node_modules/s3rver/bin/s3rver.js" ]; then
    return 0
  fi
  echo "setup: installing s3rver into infra/s3rver (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --silent)
}

# Lab 1.6: scikit-learn's bundled data sets (iris, wine, breast cancer, digits, diabetes), extracted from the Debian
# package python3-sklearn instead of installing it: five CSV files rather than the whole SciPy stack (~70 packages).
"${BASH_SOURCE[0]%/*}/sklearn-data.sh"

# Rust (native/rust): Debian's cargo and rustc (1.63 on Debian 12, the crate's declared rust-version),
# only when no cargo is on PATH already (a rustup toolchain, for instance, is used as it is).
if ! command -v cargo >/dev/null 2>&1; then
  packages+=(cargo)
fi

# s3rver (lab 1.2's embedded S3) runs on Node.js: Debian's nodejs and npm only when no node and npm are on PATH
# already (a NodeSource or nvm Node.js, which brings its own npm, is used as it is).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all Debian packages present"
  install_s3rver
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${missing[*]}, and there is no apt-get here: install them with your system's package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} needs root: run as root, or install sudo." >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# The server packages would try to start a default cluster/service; the labs start their own.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_s3rver
echo "setup: done"

#!/usr/bin/env bash
# Puts scikit-learn's bundled data sets (the CSV files of sklearn/datasets/data: iris, wine, breast cancer, digits,
# diabetes) where lab 1.6 reads them, taken from Debian's python3-sklearn package without installing it:
# `apt-get download` + `dpkg-deb` extract only that folder (and the package's copyright file, for their licence).
# Idempotent: does nothing when the files are there already, or when python3-sklearn itself is installed.
# Where: $SM_SKLEARN_DATA, else /usr/local/share/stateless-mind/sklearn-datasets (the path lab 1.6 looks in).
set -euo pipefail

dest="${SM_SKLEARN_DATA:-/usr/local/share/stateless-mind/sklearn-datasets}"
installed=/usr/lib/python3/dist-packages/sklearn/datasets/data
if [ -f "$dest/iris.csv" ] || [ -f "$installed/iris.csv" ]; then
  echo "setup: scikit-learn data sets present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "setup: lab 1.6 needs scikit-learn's data sets: install python3-sklearn, or put its sklearn/datasets/data" \
       "files in $dest (or in a folder named by SM_SKLEARN_DATA)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ] && ! mkdir -p "$dest" 2>/dev/null; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: writing $dest needs root: run as root, or set SM_SKLEARN_DATA." >&2; exit 1; }
  sudo="sudo"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"   # apt's download user must be able to write there
cd "$work"
if ! apt-get download -qq python3-sklearn 2>/dev/null; then
  $sudo apt-get update -qq
  apt-get download -qq python3-sklearn
fi
dpkg-deb -x python3-sklearn_*.deb extracted
src="extracted/usr/lib/python3/dist-packages/sklearn/datasets/data"
[ -f "$src/iris.csv" ] || { echo "setup: python3-sklearn has no $src/iris.csv: its layout changed." >&2; exit 1; }
$sudo mkdir -p "$dest"
$sudo cp "$src"/*.csv "$src"/*.csv.gz "$dest"/
$sudo cp extracted/usr/share/doc/python3-sklearn/copyright "$dest/copyright"
echo "setup: scikit-learn data sets extracted to $dest"

#!/usr/bin/env bash
# Builds the Linux bundle for glibc 2.31 desktops (银河麒麟 Kylin V10 SP1, 统信 UOS 20, Debian 11,
# Ubuntu 20.04): dist/gxdesk-<version>-linux-<arch>-glibc2.31.tar.xz.
#
# The bundle is built inside a Debian 11 "bullseye" root file system (glibc 2.31), made once with
# debootstrap and kept outside the work tree (GXDESK_COMPAT_CACHE, default /var/cache/gxdesk-compat),
# with its own CPython 3.11 built there from Debian's source package, PySide6-Essentials 6.9.3 (the
# newest whose wheels run on glibc 2.31) and otherwise the normal bundle's packages. There it also
# runs the whole test suite on Qt 6.9 and the bundle's smoke tests, including the glibc ceiling.
#
# Needs root (debootstrap, chroot, mounts) and access to Debian's and PyPI's package registries.
# Takes about 12 minutes the first time (most of it compiling CPython), 4 minutes after that.
# The last line printed is the bundle's folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${GXDESK_COMPAT_CACHE:-/var/cache/gxdesk-compat}
mirror=${GXDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bullseye
glibc_max=2.31
# x86_64: the newest PySide6-Essentials with manylinux wheels for glibc <= 2.31
pyside=6.9.3
# aarch64 (飞腾, 鲲鹏): 6.9's aarch64 wheels need glibc 2.39
pyside_arm64=6.8.0.2
python_prefix=/opt/python3.11
venv=/opt/gxdesk-venv
# GXDESK_COMPAT_ARCH=aarch64 builds the arm64 bundle on an x86_64 machine, under qemu's user-mode
# emulation (qemu-user-static and binfmt-support installed; much slower: see installer/README.md).
arch=${GXDESK_COMPAT_ARCH:-$(uname -m)}
case "$arch" in
  x86_64 | amd64) arch=x86_64 deb_arch=amd64 ;;
  aarch64 | arm64) arch=aarch64 deb_arch=arm64 pyside=$pyside_arm64 ;;
  *) echo "unsupported architecture: $arch" >&2; exit 2 ;;
esac
target=$cache/$suite-$deb_arch

say() { printf '\n== %s\n' "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "build-compat.sh needs root (debootstrap and chroot); run it with sudo" >&2
  exit 2
fi

# ---- 1. the bullseye root file system, made once -------------------------------------------
packages=(
  # to build CPython
  build-essential libssl-dev libsqlite3-dev liblzma-dev libbz2-dev libffi-dev zlib1g-dev uuid-dev
  libncursesw5-dev libreadline-dev libgdbm-dev xz-utils ca-certificates
  # what PyInstaller and the checks use
  binutils file strace pkg-config poppler-utils
  # the libraries Qt's xcb and offscreen platforms load, and Chinese fonts for the tests
  libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 libcups2 fonts-noto-cjk fonts-liberation2
)
if [ ! -x "$target/usr/bin/apt-get" ]; then
  say "debootstrap $suite → $target"
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
  rm -rf "$target.tmp"
  mkdir -p "$cache"
  debootstrap --variant=minbase --arch="$deb_arch" "$suite" "$target.tmp" "$mirror" >&2
  rm -rf "$target"
  mv "$target.tmp" "$target"
fi

mounts=(proc sys dev dev/pts)
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mountpoint -q "$target/${mounts[i]}" && umount -l "$target/${mounts[i]}" || true
  done
}
trap cleanup EXIT
mount -t proc proc "$target/proc"
mount --rbind /sys "$target/sys"
mount --bind /dev "$target/dev"
mount --bind /dev/pts "$target/dev/pts"
cp /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true
# The host's certificate authorities (a network that inspects TLS adds its own): pip in the
# chroot trusts what the host trusts.
certs=/etc/ssl/certs/ca-certificates.crt
[ -f "$certs" ] && mkdir -p "$target/etc/ssl/certs" && cp "$certs" "$target/etc/ssl/certs/host-ca-certificates.crt"

in_root() {
  chroot "$target" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    SSL_CERT_FILE=/etc/ssl/certs/host-ca-certificates.crt PIP_CERT=/etc/ssl/certs/host-ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PATH="$venv/bin:$python_prefix/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$@"
}

# (again whenever the list above changes)
if [ "$(cat "$target/.gxdesk-ready" 2>/dev/null)" != "${packages[*]}" ]; then
  say "packages inside the chroot"
  in_root apt-get update -qq >&2
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  printf '%s' "${packages[*]}" > "$target/.gxdesk-ready"
fi

# ---- 2. CPython 3.11, from Debian's source package -----------------------------------------
if [ ! -x "$target$python_prefix/bin/python3.11" ]; then
  src=$cache/src
  mkdir -p "$src"
  if ! ls "$src"/python3.11_*.orig.tar.* >/dev/null 2>&1; then
    say "apt-get source python3.11 (the host's Debian suite)"
    if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
      printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$mirror" "$codename" \
        > /etc/apt/sources.list.d/gxdesk-compat-src.sources
      apt-get update -qq >&2
    fi
    (cd "$src" && apt-get source --download-only python3.11 >&2)
  fi
  tarball=$(ls "$src"/python3.11_*.orig.tar.* | tail -n 1)
  say "building CPython from $(basename "$tarball") in the chroot"
  rm -rf "$target/build/cpython"
  mkdir -p "$target/build/cpython"
  tar -C "$target/build/cpython" --strip-components=1 -xf "$tarball"
  in_root bash -c "cd /build/cpython && ./configure --prefix=$python_prefix --enable-shared --with-ensurepip=install \
      LDFLAGS=-Wl,-rpath,$python_prefix/lib >/dev/null \
    && make -j$(nproc) >/dev/null 2>&1 && make install >/dev/null 2>&1" >&2
  in_root python3.11 -c "import ssl, sqlite3, lzma, bz2, ctypes, zlib, uuid; print('CPython', __import__('sys').version)" >&2
fi

# ---- 3. the packages: PySide6 6.9 for glibc 2.31, the rest as the normal bundle --------------
if [ ! -x "$target$venv/bin/python" ] || ! in_root python -c "import PySide6, sys; sys.exit(PySide6.__version__ != '$pyside')"; then
  say "virtual environment with PySide6-Essentials $pyside"
  rm -rf "${target:?}$venv"
  in_root python3.11 -m venv "$venv"
  in_root pip install -q --upgrade pip >&2
fi

say "copying the work tree's tracked files"
rm -rf "$target/build/gxdesk"
mkdir -p "$target/build/gxdesk"
(cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -C "$target/build/gxdesk" -xf -

# The project's own dependencies and test tools, with Qt pinned to the glibc 2.31 series.
in_root pip install -q "PySide6-Essentials==$pyside" -e "/build/gxdesk[test]" pytest-xdist "pyinstaller>=6.10" >&2

# ---- 4. the whole test suite on Qt 6.9, then the bundle and its smoke tests ------------------
say "test suite on PySide6 $pyside"
# All of it but mypy: the type check is of the code against the pinned Qt's stubs (6.11), which
# name attributes 6.9's stubs do not; what runs is tested here on 6.9 like everywhere else.
deselect="not test_mypy_strict_whole_package"
if [ "$arch" != "$(uname -m)" ]; then
  # Under emulation everything runs ten times slower: the two tests that time a hostile file's
  # export against a limit would measure qemu, not gxdesk.
  deselect="$deselect and not test_long_titles_export and not test_fuzz_corpus_at_suite_size"
fi
in_root bash -c "cd /build/gxdesk && QT_QPA_PLATFORM=offscreen python -m pytest -q -p no:cacheprovider \
  -k '$deselect'" >&2

say "bundle"
in_root bash -c "cd /build/gxdesk && GXDESK_BUNDLE_SUFFIX=-glibc$glibc_max bash installer/linux/build.sh" >&2
stage=$(cd "$target/build/gxdesk/dist" && ls -d gxdesk-*-linux-"$arch"-glibc"$glibc_max" | head -n 1)

say "smoke tests of the bundle inside the chroot (glibc $glibc_max)"
in_root bash -c "cd /build/gxdesk && GXDESK_FROZEN=/build/gxdesk/dist/$stage/gxdesk/gxdesk \
  GXDESK_GLIBC_MAX=$glibc_max python -m pytest -q -p no:cacheprovider tests/installer" >&2

mkdir -p "$root/dist"
rm -rf "${root:?}/dist/$stage" "$root/dist/$stage.tar.xz"
cp -a "$target/build/gxdesk/dist/$stage" "$target/build/gxdesk/dist/$stage.tar.xz" "$root/dist/"
echo "$root/dist/$stage"

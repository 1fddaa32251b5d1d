#!/bin/sh
# Unpack a Debian source package for board builds:
#   sh boards/fetch-src.sh PACKAGE DIR
# DIR gets the unpacked tree (apt-get source PACKAGE, Debian patches
# applied). An existing DIR is kept. Needs a deb-src entry; when run as root
# and none exists, one for the release's main archive is added.
set -e
pkg=${1:?usage: fetch-src.sh PACKAGE DIR}
dir=${2:?usage: fetch-src.sh PACKAGE DIR}
[ -d "$dir" ] && exit 0
has_src() {
	grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list \
	  /etc/apt/sources.list.d/
}
if ! has_src; then
	if [ "$(id -u)" != 0 ]; then
		echo "no deb-src entry in /etc/apt: add one (or pass the tree as" \
		  "a *_DIR= variable), then rerun" >&2
		exit 1
	fi
	. /etc/os-release
	echo "adding /etc/apt/sources.list.d/tcas-deb-src.sources ($VERSION_CODENAME)"
	printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
	  "$VERSION_CODENAME" >/etc/apt/sources.list.d/tcas-deb-src.sources
	apt-get update -qq
fi
command -v dpkg-source >/dev/null || sh test/deps.sh dpkg-dev
tmp="$dir.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
(cd "$tmp" && apt-get source -qq "$pkg" >/dev/null 2>&1) || {
	echo "apt-get source $pkg failed (try apt-get update)" >&2
	rm -rf "$tmp"; exit 1; }
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
mv "$src" "$dir"
rm -rf "$tmp"
echo "unpacked $pkg into $dir"

#!/bin/sh
# Install the Debian packages the build and tests need: apt-get when root,
# otherwise print the one command to run and fail.
missing=""
for p in "$@"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	# make -j runs several of these at once: one apt-get at a time (each
	# waits for the lock, then installs what is still missing).
	if [ -z "$TCAS_DEPS_LOCKED" ] && command -v flock >/dev/null; then
		TCAS_DEPS_LOCKED=1 exec flock /tmp/tcas-deps.lock sh "$0" "$@"
	fi
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "apt-get install failed for:$missing" >&2; exit 1; }
else
	echo "missing Debian packages:$missing" >&2
	echo "run: sudo apt-get install -y$missing" >&2
	exit 1
fi

#!/bin/sh
# Fail when the archive references an allocation function.
lib=$1
bad=$(nm -u "$lib" | awk '{print $2}' | grep -E '^(malloc|calloc|realloc|free|strdup|strndup|reallocarray|aligned_alloc|posix_memalign)$' | sort -u)
if [ -n "$bad" ]; then
	echo "zero-heap check FAILED: $lib references: $bad" >&2
	exit 1
fi
echo "zero-heap check: $lib references no allocation function"

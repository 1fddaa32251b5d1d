#!/bin/sh
# One text each for the options and the exit codes, three places: tcas
# --help prints the tables of src/cli/options.c and src/cli/exits.c, the
# man page tcas(1) is generated from what the built tcas prints
# (src/gen/gen_man.sh), and the README's two tables must be what the same
# generator makes of them (make docs rewrites them). Also: every exit code
# of cli.h has its row, and the man page is clean roff.
. test/e2e/lib.sh

run sh src/gen/gen_man.sh readme "$TCAS" README.md
expect_rc "README tables generated" 0
printf '%s\n' "$out" >"$TMP/README.md"
if cmp -s README.md "$TMP/README.md"; then
	ok "README's option and exit-code tables match tcas __options / __exits"
else
	bad "README's tables differ from the built tcas: run make docs" \
	  "$(diff README.md "$TMP/README.md" | head -20)"
fi

run sh src/gen/gen_man.sh man "$TCAS" 1767225600
expect_rc "man page generated" 0
man=$out
printf '%s\n' "$man" >"$TMP/tcas.1"
groff -man -Tutf8 -ww -z "$TMP/tcas.1" >"$TMP/groff.err" 2>&1
[ $? = 0 ] && [ ! -s "$TMP/groff.err" ] && ok "man page renders without a groff warning" ||
	bad "groff warns on tcas.1" "$(cat "$TMP/groff.err")"
expect_in "man page dated by the build" '.TH TCAS 1 "2026-01-01"' "$man"

help=$("$TCAS" --help)
miss=""
for o in $("$TCAS" __options | cut -f1); do
	esc=$(printf '%s' "$o" | sed 's/-/\\-/g')
	case $man in *"\\fB$esc\\fR"*) ;; *) miss="$miss $o(man)" ;; esac
	case $help in *"  $o"*) ;; *) miss="$miss $o(help)" ;; esac
done
[ -z "$miss" ] && ok "every option of the table is in the man page and the help" ||
	bad "options missing:$miss"

codes=$("$TCAS" __exits | cut -f1 | tr '\n' ' ')
miss=""
for c in $(sed -n 's/^#define TCAS_EXIT_[A-Z_]* *\([0-9][0-9]*\).*/\1/p' src/cli/cli.h); do
	case " $codes" in *" $c "*) ;; *) miss="$miss $c" ;; esac
done
[ -z "$miss" ] && ok "every TCAS_EXIT_* of cli.h has a row in exits.c" ||
	bad "exit codes without a row in src/cli/exits.c:$miss"
miss=""
for c in $codes; do
	case $man in *".B $c
"*) ;; *) miss="$miss $c(man)" ;; esac
	printf '%s\n' "$help" | grep -q "^  $c  *[a-z]" || miss="$miss $c(help)"
done
[ -z "$miss" ] && ok "every exit code is in the man page and the help" ||
	bad "exit codes missing:$miss"
finish

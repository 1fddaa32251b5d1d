# src/sources.mk - what libtcas, the tcas command and the host tools are
# built from: the one list of C sources, read by the Makefile (include)
# and by CMakeLists.txt (which parses it). Keep to its plain form: NAME :=
# then one path a line, continued with a backslash; no make functions.
#
# Every .c file under src/ and port/ is in exactly one list here, or in
# TCAS_SRC_EXCLUDED with a reason: `make check-sources` (part of make
# check) fails on a file that is in none, or on a listed file that does
# not exist.

# The library, whatever the port (zero heap; make check-heap).
TCAS_LIB_SRC := \
	src/actions.c \
	src/as_actions_gen.c \
	src/as_typed.c \
	src/as_typed_gen.c \
	src/certscan.c \
	src/client.c \
	src/clock.c \
	src/conn.c \
	src/creds.c \
	src/creds_write.c \
	src/error.c \
	src/http.c \
	src/inner.c \
	src/jmespath.c \
	src/jmespath_dump.c \
	src/jmespath_eval.c \
	src/jmespath_func.c \
	src/jmespath_num.c \
	src/jmespath_parse.c \
	src/json.c \
	src/jsonw.c \
	src/log.c \
	src/p256.c \
	src/params.c \
	src/proxy.c \
	src/ratelimit.c \
	src/retry.c \
	src/sha256.c \
	src/sign.c \
	src/signkey.c \
	src/tls.c \
	src/trust.c \
	src/utctime.c \
	src/utf8.c

# The port compiled into the library: make PORT=posix|lwip, CMake
# TCAS_PORT. Compiled with -D_POSIX_C_SOURCE=200809L.
TCAS_PORT_SRC_posix := \
	port/posix/port_posix.c \
	port/posix/port_posix_dns.c

TCAS_PORT_SRC_lwip := \
	port/lwip/port_lwip_raw.c \
	port/lwip/port_lwip_sock.c \
	port/lwip/port_lwip_util.c

# The tcas command (POSIX hosts).
TCAS_CLI_SRC := \
	src/cli/as_docs.c \
	src/cli/as_docs_gen.c \
	src/cli/clean.c \
	src/cli/completion.c \
	src/cli/config.c \
	src/cli/configure.c \
	src/cli/exits.c \
	src/cli/fmt.c \
	src/cli/help.c \
	src/cli/main.c \
	src/cli/options.c \
	src/cli/output.c \
	src/cli/table.c \
	src/cli/params_cli.c \
	src/cli/query.c \
	src/cli/skeleton.c \
	src/cli/sysio.c \
	src/cli/values.c \
	src/cli/wait.c

# Host tools, not in the library: tcas-pem2c (PEM anchors to C).
TCAS_TOOLS_SRC := \
	src/tools/pem2c.c

# .c files under src/ and port/ that no build compiles, each with its
# reason in a comment above it.
TCAS_SRC_EXCLUDED :=

# Compiler flags of every build of the library and the command (gcc and
# clang; the Makefile's WARN_LIB, CMake's TCAS_WARNINGS).
TCAS_WARN_BASE := \
	-std=c99 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
	-Wstrict-prototypes -Wmissing-prototypes -Wvla
TCAS_WARN_LIB := \
	-Wconversion -Wcast-qual

# linux-x86_64-gateway: the linux-x86_64-static tcas (musl, static,
# stripped, LTO, short help) without the command's optional parts, for
# gateways that only make calls: JMESPath (--filter, tcas query), --output
# table, tcas configure, tcas completion and the waiters (tcas wait,
# --wait) are refused with exit 2, naming their switch (TCAS_CLI_<PART> in
# the Makefile, TCAS_CLI_WITH_<PART> in tcas/config.h). Everything else as
# linux-x86_64-static, in its own build directory (build/<board>/).
$(foreach p,$(CLI_PARTS),$(eval TCAS_CLI_$(p) := 0))
# the small BearSSL code everywhere (linux-x86_64-static.mk)
BOARD_FAST_CRYPTO := 0
include boards/linux-x86_64-static.mk
# make check-size: the file within 200 KB (200,000 B; measured: README
# "What each part costs"). The core budget is linux-x86_64-static's.
BOARD_FILE_BUDGET := 200000
# this file's flags too rebuild BearSSL and tcas from scratch
$(BB)/bearssl/flags.stamp $(BB)/flags.stamp: boards/linux-x86_64-gateway.mk

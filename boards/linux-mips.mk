# linux-mips: mips-linux-gnu (glibc, big-endian), tests under qemu-mips.
BOARD_TRIPLET := mips-linux-gnu
BOARD_DEBARCH := mips
BOARD_QEMU    := qemu-mips
include boards/linux-cross.mk
# qemu-user 7.2 (bookworm) hands getsockopt(SO_ERROR) the host's errno
# number untranslated (fixed in qemu 8.0), and MIPS numbers ECONNREFUSED
# differently, so a refused connect reads as an I/O error there.
BOARD_XFAIL := test_tls/test_refused

# linux-aarch64: aarch64-linux-gnu (glibc), tests under qemu-aarch64.
BOARD_TRIPLET := aarch64-linux-gnu
BOARD_DEBARCH := arm64
BOARD_QEMU    := qemu-aarch64
include boards/linux-cross.mk

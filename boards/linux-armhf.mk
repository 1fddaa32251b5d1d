# linux-armhf: arm-linux-gnueabihf (glibc, ARMv7 hard-float), tests under qemu-arm.
BOARD_TRIPLET := arm-linux-gnueabihf
BOARD_DEBARCH := armhf
BOARD_QEMU    := qemu-arm
include boards/linux-cross.mk

# cortex-m4-lwip-mfl: the cortex-m4-lwip firmware with 1 KB TLS records.
# Its one half-duplex record buffer is 1349 bytes (1024 + BearSSL's 325 of
# record overhead) instead of 16709, and BearSSL asks the server for
# 1024-byte fragments (RFC 6066 max_fragment_length): 15,360 bytes of RAM
# less, for servers that honour the request (OpenSSL >= 1.1.1, BearSSL,
# tcas-emu). A server that ignores it fails every call whose answer comes
# in a record over 1344 bytes with TCAS_E_TLS_RECORD_TOO_LARGE; check an
# endpoint first: `openssl s_client -maxfraglen 1024 -connect HOST:443`
# ("Max Fragment Length: 1024"). Everything else as cortex-m4-lwip,
# including make check-qemu, against the emulator's default (it honours
# the request).
BOARD_TLS_BUF := 1349
# RAM of one call with max_fragment_length: 28 KB (28,000 bytes).
BOARD_RAM_BUDGET := 28000
# check-qemu: tcas-emu as it is, honouring the request.
BOARD_EMU_FLAGS :=
include boards/cortex-m4-lwip.mk

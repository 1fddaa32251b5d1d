# test/fault.mk - test_posix_fault and test_posix_io_fault: the POSIX port linked with
# -Wl,--wrap=SYMBOL for the libc calls it makes, so that the test's
# __wrap_SYMBOL functions can fail them on demand (EINTR, EAGAIN, resets,
# short reads, a missing getrandom, a failing clock...) and otherwise
# call the real ones; the scripts of failures are
# test/support/faultscript.h. An explicit rule: it replaces the generic
# $(BUILD)/test/% link of the main Makefile for this one program, which
# make check (test/run.sh), check-asan, check-valgrind and coverage run
# like every other $(BUILD)/test/test_*.

# fcntl64/open64: what glibc's headers call instead under
# -D_FILE_OFFSET_BITS=64 (the cross boards' flags).
FAULT_WRAP := socket fcntl fcntl64 connect poll send recv getsockopt setsockopt \
              clock_gettime syscall open open64 read close nanosleep

# test_posix_io_fault (send, recv, random) shares the harness
# test/unit/posixfault.h.
$(BUILD)/test/test_posix_fault $(BUILD)/test/test_posix_io_fault: \
  $(BUILD)/test/%: $(BUILD)/obj/test/unit/%.o $(SUP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(SUP) $(LIB) -lcmocka $(BEARSSL_LIB) -lm \
	  $(FAULT_WRAP:%=-Wl,--wrap=%)

# test_dns_fault: the stub resolver (port_posix_dns.c) over a simulated
# network: sendto/recvfrom/poll and the monotonic clock are the test's,
# socket/open/read/getrandom fail on demand, getaddrinfo is scripted.
DNS_FAULT_WRAP := socket sendto recvfrom poll clock_gettime syscall open \
                  open64 read close getaddrinfo freeaddrinfo

# test_dns_sys_fault shares the harness test/unit/dnsfault.h.
$(BUILD)/test/test_dns_fault $(BUILD)/test/test_dns_sys_fault: \
  $(BUILD)/test/%: $(BUILD)/obj/test/unit/%.o $(SUP) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(SUP) $(LIB) -lcmocka $(BEARSSL_LIB) -lm \
	  $(DNS_FAULT_WRAP:%=-Wl,--wrap=%)

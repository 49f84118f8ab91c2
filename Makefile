# sysgate — plain Makefile. `make deps` installs what is missing; every target needs it.
CC      ?= gcc
PKGS    := build-essential libseccomp-dev libjson-c-dev libssl-dev pkg-config strace linux-perf \
           python3 perl tar coreutils util-linux procps \
           golang-github-containers-common bubblewrap libunicorn-dev \
           libdw-dev libelf-dev zlib1g-dev liblzma-dev libbz2-dev \
           libbpf-dev bpftool clang help2man debhelper dpkg-dev runc
WARN    := -Wall -Wextra -Werror
CFLAGS_COMMON := -std=c17 -D_GNU_SOURCE -g $(WARN) -Isrc -Isrc/enclave -Ibuild/gen/ping -Ibuild/gen \
                 -DSG_ENCLAVE_LOADER_BUILT='"$(CURDIR)/build/release/sg-enclave-loader"' \
                 -DSG_AGENT_BUILT='"$(CURDIR)/build/release/libsysgate-agent.so"' \
                 -DSG_VM_BUILT='"$(CURDIR)/build/release/sg-vm"' \
                 -DSG_VM_GUESTS_BUILT='"$(CURDIR)/build/release/guest"'
# elfutils' libdw (trace -k) and what its static archive needs (libelf, the
# compressors), as its pkg-config file says; read when linking, after `make deps`
# has installed it. libdw.a brings in a debuginfod client that dlopens its
# library on demand, whence the linker's warning about dlopen in a static program:
# it only acts with DEBUGINFOD_URLS set.
DW_LIBS  = $(shell pkg-config --static --libs libdw 2>/dev/null || echo -ldw -lelf -lbz2 -lz -llzma -lpthread)
LIBS     = -lseccomp -ljson-c -lbpf -lm $(DW_LIBS)
ASAN    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# *.bpf.c are programs for the kernel's BPF machine, not sysgate's (below).
SRCS    := $(filter-out %.bpf.c,$(sort $(wildcard src/*/*.c)))
TESTSRC := $(sort $(wildcard tests/unit/*.c))
PROGSRC := $(sort $(wildcard tests/progs/*.c))

REL     := build/release
CHK     := build/check

# What `make` builds: sysgate, and the enclave loader, bench enclave and key-vault
# example that sit beside it.
ENCLAVE_BINS := $(REL)/sg-enclave-loader $(REL)/ping_enclave.so $(REL)/vault_enclave.so \
                $(REL)/keyvault
AGENT := $(REL)/libsysgate-agent.so
GUESTS := $(REL)/guest/hello.elf $(REL)/guest/trap.elf $(REL)/guest/cat.elf \
          $(REL)/guest/kernel.elf $(REL)/guest/unikernel.elf
VM_BINS := $(REL)/sg-vm $(GUESTS)
all: $(REL)/sysgate $(ENCLAVE_BINS) $(AGENT) $(VM_BINS)

deps: build/.deps
build/.deps: Makefile
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	  || { echo "make deps: apt-get install$$missing failed; run it as root" >&2; exit 1; }; \
	fi
	@mkdir -p build && touch $@

$(REL)/%.o: src/%.c build/.deps $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -c $< -o $@

$(CHK)/%.o: src/%.c build/.deps $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(ASAN) -c $< -o $@

# The built-in jail profile's filter, compiled at build time by a program linked
# from the release objects it needs (scripts/gen-default-filter.c).
GEN_OBJS := $(filter $(REL)/core/%,$(SRCS:src/%.c=$(REL)/%.o)) \
            $(REL)/jail/default_profile.o $(REL)/jail/filter.o
build/gen/gen-default-filter: scripts/gen-default-filter.c $(GEN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -o $@ $< $(GEN_OBJS) $(LIBS)
build/gen/default_filter.c: build/gen/gen-default-filter
	$< > $@.tmp && mv $@.tmp $@
$(REL)/gen/default_filter.o: build/gen/default_filter.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -c $< -o $@
$(CHK)/gen/default_filter.o: build/gen/default_filter.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(ASAN) -c $< -o $@

# BPF programs (src/*/*.bpf.c): compiled by clang for the BPF target against the
# types of the running kernel (vmlinux.h, from its BTF; CO-RE relocates field
# offsets when loaded elsewhere), and embedded in sysgate as libbpf skeletons
# that bpftool generates. The C files that load them include the skeleton.
BPFTOOL ?= $(shell command -v bpftool 2>/dev/null || echo /usr/sbin/bpftool)
build/gen/vmlinux.h: build/.deps
	@mkdir -p $(dir $@)
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $@.tmp && mv $@.tmp $@
build/gen/%.bpf.o: src/%.bpf.c build/gen/vmlinux.h $(wildcard src/*/*_abi.h) src/core/capture_shape.h \
                   src/core/bpf_newtask.h
	@mkdir -p $(dir $@)
	clang -std=gnu17 -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -Isrc -Ibuild/gen \
	  -I/usr/include/$(shell $(CC) -dumpmachine) -c $< -o $@
# `bpftool gen object` links the object and leaves out its DWARF (it keeps the
# BTF the loader needs): 30 KiB in sysgate rather than 600.
build/gen/%.linked.o: build/gen/%.bpf.o
	$(BPFTOOL) gen object $@ $<
build/gen/stat/count.skel.h: build/gen/stat/count.linked.o
	$(BPFTOOL) gen skeleton $< name stat_count > $@.tmp && mv $@.tmp $@
$(REL)/stat/bpf_count.o $(CHK)/stat/bpf_count.o: build/gen/stat/count.skel.h
build/gen/trace/ebpf.skel.h: build/gen/trace/ebpf.linked.o
	$(BPFTOOL) gen skeleton $< name trace_ebpf > $@.tmp && mv $@.tmp $@
$(REL)/trace/ebpf.o $(CHK)/trace/ebpf.o: build/gen/trace/ebpf.skel.h

# Enclave bridges the tree needs, generated before sysgate exists by the same code
# as `sysgate enclave gen` (scripts/enclave-gen.c): examples/ping for the bench
# rungs (linked into sysgate), examples/keyvault for the demo.
IDL_SRC := src/enclave/idl.c src/enclave/gen.c
build/gen/enclave-gen: scripts/enclave-gen.c $(IDL_SRC) $(wildcard src/enclave/*.h) build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -o $@ $< $(IDL_SRC)
build/gen/ping/ping_host.c: examples/ping/ping.edl build/gen/enclave-gen
	@mkdir -p $(dir $@)
	build/gen/enclave-gen $< $(dir $@)
build/gen/keyvault/vault_host.c: examples/keyvault/vault.edl build/gen/enclave-gen
	@mkdir -p $(dir $@)
	build/gen/enclave-gen $< $(dir $@)
$(REL)/bench/rungs_enclave.o $(CHK)/bench/rungs_enclave.o: build/gen/ping/ping_host.c
$(REL)/gen/ping_host.o: build/gen/ping/ping_host.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -c $< -o $@
$(CHK)/gen/ping_host.o: build/gen/ping/ping_host.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(ASAN) -c $< -o $@

# The enclave side: no sanitizers (their runtimes make system calls the enclave's
# filter forbids), dynamically linked (the loader dlopens the trusted code).
ENCL_CFLAGS := $(CFLAGS_COMMON) -O2 -fPIC
# Measurement and sealing live with the loader: libcrypto stays out of the static
# sysgate binary (it would add a millisecond to every start); `sysgate enclave
# measure` asks the loader.
LOADER_SRC := src/enclave/loader/main.c src/enclave/loader/measure.c src/enclave/loader/seal.c
$(REL)/sg-enclave-loader: $(LOADER_SRC) $(wildcard src/enclave/*.h) build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ENCL_CFLAGS) -o $@ $(filter %.c,$^) -lseccomp -lcrypto -ldl
$(REL)/ping_enclave.so: build/gen/ping/ping_host.c examples/ping/ping_enclave_impl.c
	$(CC) $(ENCL_CFLAGS) -shared -o $@ build/gen/ping/ping_enclave.c examples/ping/ping_enclave_impl.c
$(REL)/vault_enclave.so: build/gen/keyvault/vault_host.c examples/keyvault/vault_enclave_impl.c
	$(CC) $(ENCL_CFLAGS) -Ibuild/gen/keyvault -shared -o $@ build/gen/keyvault/vault_enclave.c \
	  examples/keyvault/vault_enclave_impl.c -lcrypto
KEYVAULT_SRC := examples/keyvault/keyvault_host.c build/gen/keyvault/vault_host.c \
                src/enclave/runtime.c src/core/syscalls.c src/core/syscall_table.c \
                src/launch/lifetime.c src/launch/tree.c
$(REL)/keyvault: $(KEYVAULT_SRC)
	$(CC) $(CFLAGS_COMMON) -O2 -Ibuild/gen/keyvault -o $@ $(KEYVAULT_SRC) -lcrypto

# The trace agent, loaded into traced programs (sysgate trace --backend sud or
# rewrite). It runs inside someone else's program, in the middle of its system
# calls: no sanitizers, no vector registers (it must not disturb the program's),
# no stack protector (a new thread reaches it before its TLS is in use), its own
# small memcpy/memset, and only the parts of the tree it needs.
AGENT_SRC := $(sort $(wildcard src/trace/agent/*.c)) src/trace/agent/entry.S src/trace/ring.c \
             src/core/capture.c src/core/syscall_table.c
AGENT_SRC += src/core/capture_prctl.c src/core/capture_ioctl.c src/core/capture_ioctl_input.c
AGENT_CFLAGS := -std=c17 -D_GNU_SOURCE -g $(WARN) -Isrc -O2 -fPIC -mgeneral-regs-only \
                -fno-stack-protector -fvisibility=hidden -fno-tree-loop-distribute-patterns
$(AGENT): $(AGENT_SRC) $(wildcard src/trace/agent/*.h) src/trace/ring.h src/core/capture.h build/.deps
	@mkdir -p $(dir $@)
	$(CC) $(AGENT_CFLAGS) -shared -Wl,-z,now -Wl,-z,defs -o $@ $(AGENT_SRC)

# The monitor of sysgate vm, its own program: it links the software CPU (Unicorn),
# which would add its relocations to every start of the static sysgate.
VM_SRC := $(sort $(wildcard src/vm/monitor/*.c)) src/vm/run.c src/core/util.c src/core/find_program.c \
          src/core/strbuf.c
VM_DEPS := $(VM_SRC) $(wildcard src/vm/monitor/*.h) src/vm/abi.h src/vm/vm.h src/core/util.h \
           src/core/strbuf.h build/.deps
$(REL)/sg-vm: $(VM_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O2 -o $@ $(VM_SRC) -lunicorn -lpthread -lm
$(CHK)/sg-vm: $(VM_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(ASAN) -o $@ $(VM_SRC) -lunicorn -lpthread -lm

# Guests of sysgate vm: freestanding, no vector registers (a guest kernel does not
# switch them on), loaded at 1 MiB (guest/guest.ld).
GUEST_CFLAGS := -std=c17 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdlib -static \
                -fno-pie -no-pie -fno-stack-protector -mno-red-zone -mgeneral-regs-only \
                -Isrc/vm -Iguest -Wl,--build-id=none -Wl,-z,noexecstack
GUEST_LIB := guest/lib/start.S guest/lib/hypercalls.c guest/lib/clock.c
GUEST_HDRS := guest/lib/guest.h guest/lib/words.h src/vm/abi.h build/.deps
$(REL)/guest/%.elf: guest/%.c $(GUEST_LIB) $(GUEST_HDRS) guest/guest.ld
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -T guest/guest.ld -o $@ $(GUEST_LIB) $<
# The program of guest/prog runs on two systems: in ring 3 under the guest kernel
# (its sections renamed .user.*, for the kernel's user page), and linked with the
# unikernel's library OS.
$(REL)/guest/prog-user.o: guest/prog/hello.c guest/prog/prog.h $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c -o $@.tmp $<
	objcopy --prefix-alloc-sections=.user $@.tmp $@ && rm -f $@.tmp
KERNEL_SRC := $(sort $(wildcard guest/kernel/*.c guest/kernel/*.S))
$(REL)/guest/kernel.elf: $(KERNEL_SRC) guest/kernel/kernel.h guest/kernel/kernel.ld \
                         $(REL)/guest/prog-user.o $(GUEST_LIB) $(GUEST_HDRS)
	$(CC) $(GUEST_CFLAGS) -T guest/kernel/kernel.ld -o $@ $(GUEST_LIB) $(KERNEL_SRC) \
	  $(REL)/guest/prog-user.o
$(REL)/guest/unikernel.elf: guest/unikernel/libos.c guest/prog/hello.c guest/prog/prog.h \
                            $(GUEST_LIB) $(GUEST_HDRS) guest/guest.ld
	$(CC) $(GUEST_CFLAGS) -T guest/guest.ld -o $@ $(GUEST_LIB) guest/unikernel/libos.c \
	  guest/prog/hello.c

# Static: no dynamic loading at each start (a jail start, a traced exec) saves
# about a millisecond on this kind of machine, where every page fault is costly.
$(REL)/sysgate: $(SRCS:src/%.c=$(REL)/%.o) $(REL)/gen/default_filter.o $(REL)/gen/ping_host.o
	$(CC) -static-pie -o $@ $^ $(LIBS)

$(CHK)/sysgate: $(SRCS:src/%.c=$(CHK)/%.o) $(CHK)/gen/default_filter.o $(CHK)/gen/ping_host.o
	$(CC) $(ASAN) -o $@ $^ $(LIBS)

# Unit tests link the core (everything but the CLI's main) with sanitizers.
CORE_CHK := $(filter-out $(CHK)/cli/main.o,$(SRCS:src/%.c=$(CHK)/%.o)) \
            $(CHK)/gen/default_filter.o $(CHK)/gen/ping_host.o

# The measurement and sealing unit test also links the loader's crypto code.
$(CHK)/unit/enclave_seal.t: tests/unit/enclave_seal.c tests/unit/tap.h $(CORE_CHK) \
                            src/enclave/loader/measure.c src/enclave/loader/seal.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -Itests/unit -O1 $(ASAN) -o $@ $< src/enclave/loader/measure.c \
	  src/enclave/loader/seal.c $(CORE_CHK) $(LIBS) -lcrypto

$(CHK)/unit/%.t: tests/unit/%.c tests/unit/tap.h $(CORE_CHK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -Itests/unit -O1 $(ASAN) -o $@ $< $(CORE_CHK) $(LIBS)

# Test programs run under the tracer: plain builds, no sanitizer runtime in the trace.
$(CHK)/progs/%: tests/progs/%.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -o $@ $< -lpthread -lseccomp -ldl

# Two test programs of trace_backends.t that are not plain programs: a library
# loaded after start, and a statically linked program.
$(CHK)/progs/liblate.so: tests/progs/lib/late.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -fPIC -shared -o $@ $<
$(CHK)/progs/static_hello: tests/progs/lib/static_hello.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -static -o $@ $<
# advise.t: tiny-io's program statically linked, under ptrace all its run.
$(CHK)/progs/adv_tiny_io_static: tests/progs/adv_tiny_io.c build/.deps
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -static -o $@ $<
TESTLIBS := $(CHK)/progs/liblate.so $(CHK)/progs/static_hello $(CHK)/progs/adv_tiny_io_static

# Leak detection stays on for every sanitized binary the tests run: a leak
# report is one more line on stderr, which the one-line error checks catch.
check: $(CHK)/sysgate $(REL)/sysgate $(ENCLAVE_BINS) $(AGENT) $(VM_BINS) $(CHK)/sg-vm $(TESTLIBS) $(TESTSRC:tests/unit/%.c=$(CHK)/unit/%.t) \
       $(PROGSRC:tests/progs/%.c=$(CHK)/progs/%)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 SYSGATE=$(CURDIR)/$(CHK)/sysgate \
	  PROGS=$(CURDIR)/$(CHK)/progs prove -f $(TESTSRC:tests/unit/%.c=$(CHK)/unit/%.t) tests/*.t

bench: $(REL)/sysgate $(ENCLAVE_BINS) $(AGENT) $(VM_BINS) $(CHK)/progs/nullloop $(CHK)/progs/bench_syscall_loop $(CHK)/progs/notify_floor \
       $(CHK)/progs/adv_seek_then_io $(CHK)/progs/adv_seek_then_io_fixed $(CHK)/progs/adv_tiny_io $(CHK)/progs/adv_tiny_io_fixed
	SYSGATE=$(CURDIR)/$(REL)/sysgate PROGS=$(CURDIR)/$(CHK)/progs bash tests/bench/run.sh

# Man pages, made by help2man from what `sysgate --help` and `sysgate help CMD`
# print (so both say the same things): sysgate(1), sysgate-trace(1), ...
MAN_CMDS := trace stat bench jail advise learn taint enclave vm syscalls demo
MANS     := build/man/sysgate.1 $(MAN_CMDS:%=build/man/sysgate-%.1)
MAN_VERSION = $$($(REL)/sysgate --version | cut -d' ' -f2)
man: $(MANS)
build/man/sysgate.1: $(REL)/sysgate
	@mkdir -p build/man
	help2man --no-info --version-string="$(MAN_VERSION)" \
	  --name="observe, measure and control the system-call boundary" -o $@ $(REL)/sysgate
# A subcommand's page: help2man runs a two-line wrapper that is the subcommand.
build/man/sysgate-%.1: $(REL)/sysgate
	@mkdir -p build/man/bin
	printf '#!/bin/sh\nexec "%s" %s "$$@"\n' "$(CURDIR)/$(REL)/sysgate" $* > build/man/bin/sysgate-$*
	chmod +x build/man/bin/sysgate-$*
	help2man --no-info --version-string="$(MAN_VERSION)" \
	  --name="$$($(REL)/sysgate --help | awk '$$1 == "$*" { $$1 = ""; sub(/^ +/, ""); print }')" \
	  -o $@ build/man/bin/sysgate-$*

# Installed as a Debian tool would be: the binary in bin/, what it runs or loads
# (the agent, the enclave loader and examples, the monitor and its guests) in
# lib/sysgate/, where the binary looks for them from its own place first
# (sg_beside_self); the docs in share/doc/sysgate/.
PREFIX  ?= /usr/local
SG_LIB   = $(DESTDIR)$(PREFIX)/lib/sysgate
SG_DOC   = $(DESTDIR)$(PREFIX)/share/doc/sysgate
LIB_PROGS := $(REL)/sg-enclave-loader $(REL)/keyvault $(REL)/sg-vm
LIB_LIBS  := $(AGENT) $(REL)/ping_enclave.so $(REL)/vault_enclave.so
DOCS      := README.md $(sort $(wildcard docs/*.md))
SG_MAN   = $(DESTDIR)$(PREFIX)/share/man/man1
SG_COMP  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
install: all $(MANS)
	install -d $(DESTDIR)$(PREFIX)/bin $(SG_LIB)/guest $(SG_DOC) $(SG_MAN) $(SG_COMP)
	install -m 644 $(MANS) $(SG_MAN)/
	install -m 644 completion/sysgate.bash $(SG_COMP)/sysgate
	install -m 755 $(REL)/sysgate $(DESTDIR)$(PREFIX)/bin/sysgate
	install -m 755 $(LIB_PROGS) $(SG_LIB)/
	install -m 644 $(LIB_LIBS) $(SG_LIB)/
	install -m 644 $(GUESTS) $(SG_LIB)/guest/
	install -m 644 $(DOCS) $(SG_DOC)/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/sysgate
	rm -f $(addprefix $(SG_LIB)/,$(notdir $(LIB_PROGS) $(LIB_LIBS)))
	rm -f $(addprefix $(SG_LIB)/guest/,$(notdir $(GUESTS)))
	rm -f $(addprefix $(SG_DOC)/,$(notdir $(DOCS)))
	rm -f $(addprefix $(SG_MAN)/,$(notdir $(MANS)))
	rm -f $(SG_COMP)/sysgate
	-rmdir $(SG_LIB)/guest $(SG_LIB) $(SG_DOC) 2>/dev/null

# A Debian package, built by dpkg-buildpackage (debhelper: debian/) in a copy
# of the tracked files that carries the build over (nothing compiled twice):
# build/deb/sysgate_VERSION_amd64.deb.
deb: all $(MANS)
	rm -rf build/deb && mkdir -p build/deb/src/build
	git ls-files -z | xargs -0 tar -c | tar -x -C build/deb/src
	tar -c -C build .deps gen release man | tar -x -C build/deb/src/build
	cd build/deb/src && dpkg-buildpackage -b -us -uc --no-sign > ../dpkg-buildpackage.log 2>&1 || \
	  { tail -20 ../dpkg-buildpackage.log >&2; exit 1; }
	@ls build/deb/*.deb

clean:
	rm -rf build

.PHONY: all deps check bench clean install uninstall man deb

# slabwall: build the module and the tools, test them in a VM, show the wall.
#   make            module for KVER (default: newest Debian kernel) + tools;
#                   KERNEL=6.1|6.12|6.12-rt picks the kernel by name
#   make deps       install every Debian package needed
#   make check      the whole test suite (6.1, 6.12 and 6.12-rt, in the VM)
#   make demo       a sweep in the VM, results in results/<timestamp>/
#   make bench      the harness's own overhead
#   make stress     the stress suite (QUICK=1: the reduced form, minutes)
#   make lab-NAME   one lab of docs/labs/ (tax, knee, flip, pinned, ...)
#   make lab-docs   the pages' measured blocks from docs/labs/reference/
#   make lab-ref NAME=knee   the newest knee run as the reference run

SHELL := /bin/bash
KERNELS := 6.1 6.12 6.12-rt
# build/ of the checkout, or $SLABWALL_BUILD; under /tmp when the checkout's
# path has characters kbuild cannot take (scripts/kernels.sh).
BUILD := $(shell . scripts/kernels.sh; sw_build_dir '$(CURDIR)')
export SLABWALL_BUILD := $(BUILD)
kver_of = $(shell . scripts/kernels.sh; img=$$(sw_kernel_image $(1)) && sw_kernel_version $$img)
KVER ?= $(call kver_of,$(or $(KERNEL),$(shell . scripts/kernels.sh; sw_kernel_default)))
KDIR ?= /lib/modules/$(KVER)/build
# NOTRACE=1: the module without its tracepoints, to measure what disabled
# ones cost (make bench); the kernel's own NOTRACE empties trace_*() calls.
KMOD := $(BUILD)/kmod$(if $(NOTRACE),-notrace)/$(KVER)
KSFT := $(BUILD)/ksft

.PHONY: all deps need-deps module modules userspace selftests ksft check \
	demo bench stress install dkms-install clean lab-docs lab-ref

all: module userspace

deps:
	scripts/deps

need-deps:
	@scripts/deps --check || scripts/deps

# Out-of-tree builds write objects next to the sources, so each kernel
# gets its own copy of the tree.  Sources gone from module/ go from the
# copy too: Kbuild builds every pattern_*.c and strategy_*.c it finds.
module:
	@test -n "$(KVER)" || { echo "no Debian kernel$(if $(KERNEL), '$(KERNEL)') installed: make deps" >&2; exit 1; }
	@mkdir -p '$(KMOD)/module/uapi'
	@rm -f '$(KMOD)'/module/*.[ch] '$(KMOD)'/module/uapi/*.h
	@cp -p Kbuild '$(KMOD)/'
	@cp -p module/*.c module/*.h '$(KMOD)/module/'
	@cp -p module/uapi/*.h '$(KMOD)/module/uapi/'
	$(MAKE) -s -C '$(KDIR)' M='$(KMOD)' W=1 $(if $(NOTRACE),KCFLAGS=-DNOTRACE) modules

modules:
	@for k in $(KERNELS); do $(MAKE) -s module KVER=$$($(MAKE) -s kver-$$k) || exit; done

kver-%:
	@echo $(call kver_of,$*)

userspace:
	$(MAKE) -s -C userspace

ksft:
	@scripts/ksrc '$(KSFT)'

# Built in build/selftests, installed as the guest sees them (what the VM
# copies to /usr/lib/slabwall/selftests) in build/selftests-install.
selftests: ksft
	$(MAKE) -s -C selftests/slabwall KSFT_DIR='$(KSFT)' OUTPUT='$(BUILD)/selftests'
	@rm -rf '$(BUILD)/selftests-install'
	$(MAKE) -s -C selftests/slabwall KSFT_DIR='$(KSFT)' OUTPUT='$(BUILD)/selftests' \
		INSTALL_PATH='$(BUILD)/selftests-install' install

check: need-deps
	scripts/check

demo: need-deps all
	scripts/demo

# Under TCG the fidelity table is also taken in instructions (--icount),
# which the host's load does not move.
bench: need-deps all
	scripts/bench
	if [ "$$(scripts/vm accel)" = tcg ]; then \
		scripts/bench --only fidelity --icount 0; fi

stress: need-deps all
	scripts/stress $(if $(QUICK),--quick) $(if $(SEED),--seed $(SEED))

# make lab-tax, lab-knee, ...: one lab in the VM (docs/labs/README.md);
# KERNEL=6.1, 6.12 or 6.12-rt picks the kernel it boots (default: 6.12).
# The lab and kernel are checked first, so a wrong name fails at once.
# Explicit rules, so they win over lab-%.
lab-docs:
	scripts/lab-docs

lab-ref:
	@test -n "$(NAME)" || { echo "make lab-ref NAME=knee [RUN=results/lab-knee-...]" >&2; exit 2; }
	scripts/lab-ref $(NAME) $(RUN)

lab-%:
	@scripts/lab $* --check $(if $(KERNEL),--kernel $(KERNEL))
	@$(MAKE) -s need-deps all
	scripts/lab $* $(if $(KERNEL),--kernel $(KERNEL))

install: module userspace
	$(MAKE) -C '$(KDIR)' M='$(KMOD)' modules_install
	install -D -m 0755 userspace/slabwall $(DESTDIR)/usr/local/bin/slabwall

# DKMS builds from /usr/src/slabwall-VERSION with dkms.conf.
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
dkms-install:
	rm -rf /usr/src/slabwall-$(VERSION)
	mkdir -p /usr/src/slabwall-$(VERSION)
	cp -r Kbuild dkms.conf module /usr/src/slabwall-$(VERSION)/
	dkms install slabwall/$(VERSION) -k $(KVER)

clean:
	rm -rf '$(BUILD)'
	$(MAKE) -s -C userspace clean
	$(MAKE) -s -C selftests/slabwall clean

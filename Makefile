# cpu_alloc: build, boot and test a Linux 7.3 kernel with the series applied.
# 'make run' and 'make check' do everything from a fresh Debian 12 machine.

REPO    := $(CURDIR)
BUILD   := $(REPO)/build
# The base: Debian's linux-source-7.3, fetched from trixie-backports into
# build/base (make base) unless TARBALL= names one of your own; KSRC= names
# a tree of your own to apply the series to.
BASE_SERIES := 7.3
BASE_SUITE  ?= trixie-backports
BASE_DIR    := $(BUILD)/base
TARBALL ?= $(BASE_DIR)/linux-source-$(BASE_SERIES).tar.xz
KSRC    ?= $(BUILD)/linux-source-$(BASE_SERIES)
# make base fetches unless TARBALL was given: with KSRC= alone the tarball
# is still what the series checks and make bench's stock kernel start from
FETCH_BASE := $(filter file,$(origin TARBALL))
OBJ     ?= $(BUILD)/obj
override KSRC := $(abspath $(KSRC))
override OBJ  := $(abspath $(OBJ))
JOBS    ?= $(shell nproc)
SMP     ?= 2
MEM     ?= 1024
FRAGMENTS ?= $(REPO)/configs/guest.config $(REPO)/configs/qemu.config $(REPO)/configs/cpu_alloc.config

KERNEL  := $(OBJ)/arch/x86/boot/bzImage
INITRD  := $(OBJ)/initramfs.cpio
STAGE   := $(REPO)/scripts/stage
KMAKE   := $(MAKE) -s -C $(KSRC) O=$(OBJ) -j$(JOBS) CC="ccache gcc"

export REPO BUILD KSRC OBJ SMP MEM KERNEL INITRD TARBALL BASE_SERIES BASE_DIR
# make bench: ROUNDS (3), RUNS per boot (5), QUICK=1 (one round), STOCK_KSRC
export POSSIBLE WORKLOADS TOP ROUNDS RUNS QUICK STOCK_KSRC BENCH_CONFIG DEBUG_SMP TIMEOUT ICOUNT_RUNS ICOUNT_SMP LOCKSTAT_SMP LOCKSTAT_APPEND
# Paths under build/ hash relative to it, so another clone reuses the cache.
export CCACHE_BASEDIR := $(BUILD)

PLUGIN_DIR := $(BUILD)/plugin

# ARCH=arm64 names the arm64 check; every other target builds for x86_64
ifeq ($(ARCH),arm64)
ifneq ($(filter-out check check-arm64 check-compile deps tree hygiene help clean distclean,$(or $(MAKECMDGOALS),all)),)
$(error ARCH=arm64: only make check (= make check-arm64) and make check-compile build for arm64)
endif
endif

.PHONY: all deps base tree config build initramfs run check series cover-letter series-vmlinux check-debug check-rt check-kcsan check-arm64 check-compile bench profile lockstat sizing hygiene plugin results clean distclean help

all: run

help:
	@echo "make run      build, boot and print the report (the main job)"
	@echo "make check    series hygiene, harness self-tests, the guest test suite"
	@echo "make bench    stock vs patched vs percpu_cache=off: instruction counts and times,"
	@echo "              tables and plots in results/bench (ROUNDS=3 RUNS=5 ICOUNT_RUNS=3"
	@echo "              ICOUNT_SMP='2 8'; QUICK=1: one round at -smp 2; STOCK_KSRC=unpatched tree;"
	@echo "              POSSIBLE='64 192': also that many possible CPUs, 2 online;"
	@echo "              BENCH_CONFIG=defconfig: x86_64 defconfig kernels, results/bench-defconfig)"
	@echo "make profile  instructions by kernel function, stock vs patched vs percpu_cache=off,"
	@echo "              at POSSIBLE=64 possible CPUs, for WORKLOADS='mount memcg'"
	@echo "              (results/bench/profile-smp64.md; builds what make bench builds)"
	@echo "make lockstat global-lock acquisitions per allocation with every CPU busy,"
	@echo "              stock vs patched, CONFIG_LOCK_STAT kernels at -smp 8 (results/lockstat.md)"
	@echo "make sizing   x86_64 defconfig with the series: the cache's hits and Percpu,"
	@echo "              on and off, at -smp 2 and 8 (its own kernel build: ~30 min cold)"
	@echo "make results  copy the last make run / check / sizing reports into results/"
	@echo "make plugin   the QEMU instruction-count plugin (fetches QEMU's plugin header once)"
	@echo "make check-debug  the guest suite on a KASAN/lockdep/kmemleak/... kernel (slow)"
	@echo "make check-rt the guest suite on PREEMPT_RT with lockdep, at -smp 2 and 4"
	@echo "make check-kcsan  the guest suite on a KCSAN kernel, at -smp 2 and 4"
	@echo "make check-arm64  (or make check ARCH=arm64) the guest suite on arm64 under"
	@echo "              qemu-system-aarch64, at -smp 2 and 4 (ARM64_SMP)"
	@echo "make check-compile  warning-free builds: arm64, i386, x86_64 with SMP off"
	@echo "make series   rewrite patches/ as git format-patch output (after quilt refresh);"
	@echo "              AUTHOR='Name <mail>' signs it as you; make cover-letter prints the cover"
	@echo "make series-vmlinux  build vmlinux at every patch of the series, in order (slow)"
	@echo "make deps | base | tree | config | build | initramfs   one stage at a time"
	@echo "make base     fetch linux-source-$(BASE_SERIES) from $(BASE_SUITE) into build/base"
	@echo "make clean    remove build output; distclean also the unpacked tree"
	@echo "Variables: KSRC=/path/to/linux SMP=$(SMP) MEM=$(MEM) JOBS=$(JOBS)"

deps:
	@$(STAGE) deps $(REPO)/scripts/deps.sh

# A tarball of your own (TARBALL=) is used as Debian's is; a tree of your
# own (KSRC=) is used as it is: quilt pushes the series onto it.
base: deps
ifneq ($(FETCH_BASE),)
	@$(STAGE) base $(REPO)/scripts/fetch-base.sh $(BASE_DIR) $(BASE_SERIES) $(BASE_SUITE)
endif

tree: base
	@$(STAGE) tree sh -c '$(REPO)/scripts/tree.sh $(REPO) $(KSRC) $(TARBALL) && \
		$(REPO)/scripts/base-version.sh > $(BUILD)/base-version.txt && \
		echo "base: $$(cat $(BUILD)/base-version.txt)"'

config: tree
	@$(STAGE) config $(REPO)/scripts/config.sh $(KSRC) $(OBJ) $(FRAGMENTS)

# make bench's percpu_bench module goes into the guest too (62-frontend)
build: config
	@$(STAGE) build sh -c '$(KMAKE) bzImage modules && \
		rm -rf $(OBJ)/modroot && \
		$(KMAKE) modules_install INSTALL_MOD_PATH=$(OBJ)/modroot >/dev/null && \
		$(REPO)/scripts/bench-module.sh $(KSRC) $(OBJ) $(OBJ)/mod-bench $(OBJ)/modroot && \
		echo "build: Linux $$(cat $(OBJ)/include/config/kernel.release)"'

initramfs: build
	@$(STAGE) initramfs $(REPO)/scripts/initramfs.sh $(INITRD) $(OBJ)/modroot $(REPO)

hygiene: tree
	@$(STAGE) hygiene $(REPO)/scripts/hygiene.sh $(BUILD)/check/hygiene.txt

run: initramfs
	@$(STAGE) run $(REPO)/scripts/run.sh

# make check ARCH=arm64 is make check-arm64: the x86_64 stages would
# build with ARCH=arm64 in their environment
ifeq ($(ARCH),arm64)
check: check-arm64
else
check: initramfs
	@$(STAGE) check $(REPO)/scripts/check.sh
endif

# BENCH_CONFIG=defconfig builds both of its kernels itself
bench: $(if $(filter defconfig,$(BENCH_CONFIG)),tree,initramfs) plugin
	@$(STAGE) bench $(REPO)/scripts/bench.sh

profile: initramfs plugin
	@$(STAGE) profile $(REPO)/scripts/profile.sh

lockstat: tree
	@$(STAGE) lockstat $(REPO)/scripts/lockstat.sh

# QEMU's plugin API header comes from Debian's qemu source package
plugin: deps
	@$(STAGE) plugin sh -c '$(REPO)/scripts/plugin-header.sh $(PLUGIN_DIR) && \
		gcc -O2 -Wall -Wextra -Wno-unused-parameter -shared -fPIC -I$(PLUGIN_DIR) \
		-o $(PLUGIN_DIR)/icount.so $(REPO)/bench/plugin/icount.c && \
		echo "plugin: $(PLUGIN_DIR)/icount.so, $$(cat $(PLUGIN_DIR)/qemu-version.txt)"'

# make run and make check write under build/; this is how results/ changes
results:
	@$(STAGE) results $(REPO)/scripts/results.sh

sizing: tree
	@$(STAGE) sizing $(REPO)/scripts/sizing.sh

# patches/ in git format-patch form after quilt refresh; AUTHOR="Name <mail>"
# puts the submitter's identity in From: and Signed-off-by:
series: tree
	@$(STAGE) series sh -c 'AUTHOR="$(AUTHOR)" $(REPO)/scripts/series.sh export'

cover-letter:
	@$(REPO)/scripts/series.sh cover

# vmlinux at every patch in order (a full link each; not in make check)
series-vmlinux: config
	@$(STAGE) series-vmlinux $(REPO)/scripts/series.sh vmlinux $(BUILD)/series-vmlinux.txt

check-debug: initramfs
	@$(STAGE) check-debug $(REPO)/scripts/check-debug.sh

check-rt: initramfs
	@$(STAGE) check-rt sh -c 'KIND=rt $(REPO)/scripts/check-debug.sh'

check-kcsan: initramfs
	@$(STAGE) check-kcsan sh -c 'KIND=kcsan $(REPO)/scripts/check-debug.sh'

# Cross compilers, arm64's libc for static guest programs, QEMU for arm64
CROSS_DEPS := gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm

check-arm64: tree
	@$(STAGE) deps $(REPO)/scripts/deps.sh $(CROSS_DEPS)
	@$(STAGE) check-arm64 $(REPO)/scripts/check-arm64.sh

check-compile: tree
	@$(STAGE) deps $(REPO)/scripts/deps.sh $(CROSS_DEPS)
	@$(STAGE) check-compile $(REPO)/scripts/check-compile.sh

clean:
	rm -rf $(OBJ) $(BUILD)/obj-defconfig $(BUILD)/check $(BUILD)/run $(BUILD)/sizing \
		$(BUILD)/obj-arm64 $(BUILD)/obj-i386 $(BUILD)/obj-up $(BUILD)/check-arm64 \
		$(BUILD)/check-compile

distclean:
	rm -rf $(BUILD)

# shellcheck shell=bash
# Which Debian kernels are installed, and where slabwall.ko for each lives.
# Sourced by scripts/vm and the Makefile's helpers.

# sw_kernel_image 6.1|6.12|PATH: the newest matching /boot/vmlinuz-*.
sw_kernel_image() {
	local img
	case $1 in
	/*|./*) [ -f "$1" ] && echo "$1" && return 0; return 1 ;;
	esac
	img=$(printf '%s\n' /boot/vmlinuz-"$1".* | sort -V | tail -n 1)
	[ -e "$img" ] && echo "$img"
}

# sw_kernel_version VMLINUZ: the release, whose headers build the module.
sw_kernel_version() {
	basename "$1" | sed 's/^vmlinuz-//'
}

# The newest of the two target kernels that is installed.
sw_kernel_default() {
	local k
	for k in 6.12 6.1; do
		sw_kernel_image "$k" >/dev/null && { echo "$k"; return 0; }
	done
	echo 6.12
}

# The installed kernels as "6.1 (6.1.0-57-amd64), 6.12 (...)", or "none".
sw_kernels_installed() {
	local img list=""
	for img in /boot/vmlinuz-*; do
		[ -f "$img" ] || continue
		img=$(sw_kernel_version "$img")
		list="$list${list:+, }$(echo "$img" | cut -d. -f1-2 | sed 's/[-+].*//') ($img)"
	done
	echo "${list:-none}"
}

# sw_kernel_known 6.1|6.12|PATH: a kernel that is there, else why not on
# stderr (what is installed, and that make deps brings 6.1 and 6.12 only).
sw_kernel_known() {
	sw_kernel_image "$1" > /dev/null && return 0
	echo "no kernel '$1' in /boot; installed: $(sw_kernels_installed)." >&2
	echo "slabwall targets Debian's 6.1 and 6.12 (make deps installs those only)." >&2
	return 1
}

sw_module_path() {
	echo "${BUILD:-build}/kmod/$1/slabwall.ko"
}

# sw_build_dir TOP: where the builds of the checkout at TOP go:
# $SLABWALL_BUILD, else TOP/build.  kbuild cannot build a module in a
# directory whose path has characters that make or the shell read (& ~ {
# } ^ @ ...), so such a checkout builds under /tmp, in a directory named
# after its path.
sw_build_dir() {
	if [ -n "${SLABWALL_BUILD:-}" ]; then
		echo "$SLABWALL_BUILD"
		return
	fi
	case $1 in
	*[!A-Za-z0-9_./+-]*)
		echo "/tmp/slabwall-build-$(printf '%s' "$1" | md5sum | cut -c1-12)" ;;
	*) echo "$1/build" ;;
	esac
}

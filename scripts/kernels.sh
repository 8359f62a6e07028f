# shellcheck shell=bash
# Which Debian kernels are installed, and where slabwall.ko for each lives.
# Sourced by scripts/vm and the Makefile's helpers.

# The images live in $SW_BOOT (/boot; a test points it at a fake one).
SW_BOOT=${SW_BOOT:-/boot}

# sw_kernel_image 6.1|6.12|6.12-rt|PATH: the newest matching
# $SW_BOOT/vmlinuz-*.  The PREEMPT_RT flavour (6.12.117+deb12-rt-amd64)
# is a kernel of its own: 6.12 never picks it, 6.12-rt picks nothing else.
sw_kernel_image() {
	local img series=$1 rt=-v
	case $1 in
	/*|./*) [ -f "$1" ] && echo "$1" && return 0; return 1 ;;
	*-rt) series=${1%-rt}; rt="" ;;
	esac
	# shellcheck disable=SC2086 # $rt: -v, or nothing
	img=$(printf '%s\n' "$SW_BOOT"/vmlinuz-"$series".* |
		grep $rt -- '-rt-amd64$' | sort -V | tail -n 1)
	[ -n "$img" ] && [ -e "$img" ] && echo "$img"
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

# The installed kernels as "6.1 (6.1.0-57-amd64), 6.12 (...), 6.12-rt
# (6.12.117+deb12-rt-amd64)", or "none".
sw_kernels_installed() {
	local img name list=""
	for img in "$SW_BOOT"/vmlinuz-*; do
		[ -f "$img" ] || continue
		img=$(sw_kernel_version "$img")
		name=$(echo "$img" | cut -d. -f1-2 | sed 's/[-+].*//')
		case $img in *-rt-amd64) name=$name-rt ;; esac
		list="$list${list:+, }$name ($img)"
	done
	echo "${list:-none}"
}

# sw_kernel_known 6.1|6.12|6.12-rt|PATH: a kernel that is there, else why
# not on stderr (what is installed, and which ones make deps brings).
sw_kernel_known() {
	sw_kernel_image "$1" > /dev/null && return 0
	echo "no kernel '$1' in $SW_BOOT; installed: $(sw_kernels_installed)." >&2
	echo "slabwall targets Debian's 6.1, 6.12 and 6.12-rt (PREEMPT_RT); make deps installs those only." >&2
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

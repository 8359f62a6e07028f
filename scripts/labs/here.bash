# shellcheck shell=bash
# scripts/lab --no-vm: a lab's guest part on this machine, against the
# running kernel and the slabwall.ko loaded in it, instead of in a VM.
# Sourced by scripts/lab (not a lab itself: the name does not end in .sh),
# which has set TOP, NAME, OUT and KERNEL.
KERNEL_LOG_BAD=$TOP/selftests/slabwall/kernel_log_bad

# lab_booted_with ARGS: the running kernel's command line has every word
# of ARGS (a VM part's --append), so that part means the same here.
lab_booted_with() {
	local w line
	line=" $(cat /proc/cmdline) "
	for w in $1; do
		[[ $line == *" $w "* ]] || return 1
	done
}

# lab_here_module ARGS: slabwall.ko again, with the parameters ARGS (a VM
# part's --modargs: the VM loads the module afresh with them each boot).
lab_here_module() {
	local ko
	rmmod slabwall || return 1
	# ARGS are the module's parameters, a word each.
	# shellcheck disable=SC2086
	if modinfo slabwall > /dev/null 2>&1; then
		modprobe slabwall $1
	else
		ko=$(BUILD=$(sw_build_dir "$TOP") sw_module_path "$KERNEL")
		[ -f "$ko" ] || { echo "lab $NAME: --no-vm: no $ko to load (make module KVER=$KERNEL)" >&2; return 1; }
		insmod "$ko" $1
	fi
}

# lab_here_log: the kernel log's lines so far (0 when it cannot be read).
lab_here_log() {
	dmesg 2> /dev/null | wc -l
}

# lab_here [scripts/vm run options] -- COMMAND...: lab_vm without a VM.
# The guest's /out is LAB_OUT (the --out directory, else OUT); --add's
# files go into a directory of their own, LAB_FILES, and an argument
# /root/NAME of COMMAND becomes LAB_FILES/NAME (an added file whose guest
# path is not under /root must already be there, as the allocators'
# libraries are); a part needing a kernel command line this kernel was
# not booted with is refused (status 3); --modargs reloads slabwall.ko,
# else the module is reset (every knob at its default, as after a boot).
# The output goes to OUT/console.log (and --out's, as a boot's would), and
# a new kernel-log line of kernel_log_bad fails the part, as in the VM.
lab_here() {
	local out=$OUT append="" modargs="" reload=0 timeout=1200 spec host guest
	local files a rc=0 log0
	local -a adds=() cmd=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		--out) out=$2; shift 2 ;;
		--add) adds+=("$2"); shift 2 ;;
		--append) append=$2; shift 2 ;;
		--modargs) modargs=$2; reload=1; shift 2 ;;
		--timeout) timeout=$2; shift 2 ;;
		--perf)
			command -v perf > /dev/null ||
				{ echo "lab $NAME: --no-vm: this part needs perf on PATH" >&2; return 2; }
			shift ;;
		*) echo "lab $NAME: --no-vm: '$1' has no meaning without a VM" >&2; return 2 ;;
		esac
	done
	shift
	if [ -n "$append" ] && ! lab_booted_with "$append"; then
		echo "lab $NAME: --no-vm: this part needs a kernel booted with '$append'; $KERNEL was not (/proc/cmdline): reboot with it, or run the lab in the VM" >&2
		return 3
	fi
	if [ "$reload" = 1 ]; then
		lab_here_module "$modargs" ||
			{ echo "lab $NAME: --no-vm: could not load slabwall.ko with '$modargs'" >&2; return 2; }
	elif [ -w /sys/kernel/debug/slabwall/control ]; then
		# A boot starts with every knob at its default: so does a part.
		echo reset > /sys/kernel/debug/slabwall/control ||
			{ echo "lab $NAME: --no-vm: slabwall is busy (reset refused): is a run going?" >&2; return 2; }
	fi
	files=$(mktemp -d "${TMPDIR:-/tmp}/slabwall-lab.XXXXXX")
	for spec in "${adds[@]+"${adds[@]}"}"; do
		host=${spec%%:*}
		guest=${spec#*:}
		[ "$guest" != "$spec" ] || guest=/root/$(basename "$host")
		if [[ $guest == /root/* ]]; then
			mkdir -p "$(dirname "$files/${guest#/root/}")"
			cp -p "$host" "$files/${guest#/root/}"
		elif [ ! -e "$guest" ]; then
			echo "lab $NAME: --no-vm: this part needs $guest on this machine" >&2
			rm -rf "$files"
			return 2
		fi
	done
	for a in "$@"; do
		[[ $a == /root/* ]] && a=$files/${a#/root/}
		cmd+=("$a")
	done
	mkdir -p "$out"
	log0=$(lab_here_log)
	echo "lab $NAME: no VM, on $KERNEL: ${cmd[*]}" >> "$OUT/console.log"
	(
		cd "$files" &&
		LAB_OUT=$out LAB_FILES=$files PATH=$TOP/userspace:$PATH \
			timeout "$timeout" "${cmd[@]}"
	) 2>&1 | if [ "$out" = "$OUT" ]; then cat; else tee -a "$out/console.log"; fi \
		>> "$OUT/console.log" || rc=$?
	rm -rf "$files"
	if dmesg 2> /dev/null | tail -n +"$((log0 + 1))" |
		sed 's/^\[ *[0-9]*\.[0-9]*\] //' |
		grep -E -f <(grep -v -e '^#' -e '^$' "$KERNEL_LOG_BAD") >> "$OUT/console.log"; then
		echo "lab $NAME: --no-vm: the kernel reported a problem during the part (see $OUT/console.log)" >&2
		return 125
	fi
	return "$rc"
}

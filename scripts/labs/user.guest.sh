#!/bin/sh
# Guest side of the user lab: the userspace twin and the kernel sweep in
# the same VM, so both walls are measured under the same emulation.  The
# twin and the allocators' libraries come in with the lab's --add.
# Writes /out/user-vm.csv, /out/user-vm-table.txt and /out/sweep/.
# LAB_OUT (default /out) is where it writes: scripts/lab --no-vm runs it
# on the machine itself.
lab_out=${LAB_OUT:-/out}
allocs=${ALLOCS:-0,1,2,4,8,16,64,256,1024}
"${LAB_FILES:-/root}"/slabwall-user --allocators "${ALLOCATORS:-glibc,jemalloc,tcmalloc,mimalloc}" \
	--mode per_request,pooled --allocs "$allocs" --threads 1 \
	--repeat "${REPEAT:-3}" --duration "${DURATION:-100}" \
	--out "$lab_out"/user-vm.csv > "$lab_out"/user-vm-table.txt || exit 1
slabwall sweep --pattern skb --strategy slab --cpus 1 --free local \
	--allocs "$allocs" --repeat "${REPEAT:-3}" --duration "${DURATION:-100}" \
	--progress lines --out "$lab_out"/sweep > /dev/null || exit 1

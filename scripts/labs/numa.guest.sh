#!/bin/sh
# Guest side of the numa lab, in a VM of two nodes with one CPU each:
# REPEAT rounds of four runs, in turn so that a drift of the host spreads
# over all of them.  Each run is dentry churn on the slab strategy:
#   local        CPU 0, allocating on its own node by number (alloc_node 0,
#                so the same code as remote-node, node counting on),
#                freed where allocated
#   remote-node  CPU 0, allocating on node 1 (alloc_node 1), freed on CPU 0
#   two-local    CPUs 0 and 1, each on its own node, freed where allocated
#   cross-free   CPUs 0 and 1, free=remote: each frees the other's objects,
#                on the other node
# For run N of CASE: /out/runs/CASE-N.stats.json (slabwall stats --json)
# and CASE-N.nodes.json (slabwall slabs --nodes --json of the cache just
# after the run, before anything is shrunk), and a line "CASE N" in
# /out/runs/runs.txt; the host makes numa.csv of them.
d=/sys/kernel/debug/slabwall
cache=slabwall_dentry
out=/out/runs
repeat=${REPEAT:-3}
ms=${DURATION_MS:-1000}

one() {	# one CASE N RUN-OPTIONS...
	c=$1 n=$2
	shift 2
	echo reset > $d/control
	echo 1 > /sys/kernel/slab/$cache/shrink
	slabwall run --pattern dentry --allocs 64 --duration "$ms" "$@" \
		> "$out/$c-$n.run.txt" 2>&1 || { cat "$out/$c-$n.run.txt"; exit 1; }
	slabwall stats --json > "$out/$c-$n.stats.json" || exit 1
	slabwall slabs --nodes --json $cache > "$out/$c-$n.nodes.json" || exit 1
	echo "$c $n" >> $out/runs.txt
}

mkdir -p $out || exit 1
: > $out/runs.txt
nodes=$(cat /sys/devices/system/node/online)
echo "numa lab: nodes online $nodes; node 0 has CPU(s) $(cat /sys/devices/system/node/node0/cpulist), node 1 $(cat /sys/devices/system/node/node1/cpulist 2>/dev/null)"
[ "$nodes" = 0-1 ] || { echo "numa lab: needs nodes 0-1 online, has $nodes"; exit 1; }
i=1
while [ $i -le "$repeat" ]; do
	one local $i --cpus 0 --node 0 --free local
	one remote-node $i --cpus 0 --node 1 --free local
	one two-local $i --cpus 0,1 --node -1 --free local
	one cross-free $i --cpus 0,1 --node -1 --free remote
	i=$((i + 1))
done
echo reset > $d/control
cat $out/runs.txt

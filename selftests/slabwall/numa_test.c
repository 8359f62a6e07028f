// SPDX-License-Identifier: GPL-2.0
/*
 * slabwall selftests, NUMA nodes: the alloc_node knob's bad values, a run
 * that allocates on a chosen node (its objects land in that node's part
 * of the cache, /sys/kernel/slab/<cache>/objects "N<node>="), and frees
 * counted as crossing nodes.  The tests that need two nodes skip on one
 * (scripts/vm --nodes 2 gives two).
 */
#define _GNU_SOURCE
#include "sw_test.h"

#define NODE_ONLINE	"/sys/devices/system/node/online"
#define MAX_NODES	64

/* The online nodes, ascending, into @nodes; how many, or 0 unknown. */
static int online_nodes(int *nodes, int max)
{
	static bool set[MAX_NODES];
	char buf[256];
	int i, n = 0;

	if (swt_read_file(NODE_ONLINE, buf, sizeof(buf)) < 0 ||
	    swt_parse_cpulist(swt_trim(buf), set, MAX_NODES) <= 0)
		return 0;
	for (i = 0; i < MAX_NODES && n < max; i++)
		if (set[i])
			nodes[n++] = i;
	return n;
}

/* The node CPU @cpu is on, or -1. */
static int node_of_cpu(int cpu)
{
	static bool set[SWT_MAX_CPUS];
	char path[128], buf[256];
	int node;

	for (node = 0; node < MAX_NODES; node++) {
		snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/cpulist",
			 node);
		if (swt_read_file(path, buf, sizeof(buf)) < 0)
			continue;
		if (swt_parse_cpulist(swt_trim(buf), set, SWT_MAX_CPUS) > 0 &&
		    cpu < SWT_MAX_CPUS && set[cpu])
			return node;
	}
	return -1;
}

/*
 * @node's share of /sys/kernel/slab/@cache/@attr ("12 N0=8 N1=4"; a node
 * with none is left out, so 0).  -errno if the file cannot be read.
 */
static int slab_node_attr(const char *cache, const char *attr, int node,
			  uint64_t *val)
{
	char path[256], buf[1024], key[16];
	const char *p;
	ssize_t n;

	cache_path(path, sizeof(path), cache, attr);
	n = swt_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	snprintf(key, sizeof(key), " N%d=", node);
	p = strstr(buf, key);
	*val = p ? strtoull(p + strlen(key), NULL, 10) : 0;
	return 0;
}

/* Every value outside [-1, 1023], or not a decimal number, is refused. */
TEST_F_TIMEOUT(slabwall, alloc_node_bad_values, SWT_TIMEOUT)
{
	static const char *const bad[] = {
		"-2", "1024", "4294967295", "-1-", "--1", "+-1", "0x1", "1.0",
		"one", "", "1 2", "99999999999",
	};
	char val[64];
	unsigned int i;

	get_knob(_metadata, "alloc_node", val, sizeof(val));
	EXPECT_STREQ("-1", val) TH_LOG("alloc_node's default");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, swt_set("alloc_node", bad[i]))
			TH_LOG("alloc_node <- \"%s\"", bad[i]);
		get_knob(_metadata, "alloc_node", val, sizeof(val));
		EXPECT_STREQ("-1", val) TH_LOG("changed by \"%s\"", bad[i]);
	}
	SWT_SET("alloc_node", "0");
	get_knob(_metadata, "alloc_node", val, sizeof(val));
	EXPECT_STREQ("0", val);
	SWT_SET("alloc_node", " -1\n");
	get_knob(_metadata, "alloc_node", val, sizeof(val));
	EXPECT_STREQ("-1", val);

	/* Only the slab strategy takes a node, whichever is written second. */
	SWT_SET("alloc_node", "0");
	EXPECT_EQ(-EINVAL, swt_set("strategy", "pool"));
	EXPECT_EQ(-EINVAL, swt_set("strategy", "bulk"));
	EXPECT_EQ(-EINVAL, swt_set("strategy", "arena"));
	get_knob(_metadata, "strategy", val, sizeof(val));
	EXPECT_STREQ("slab", val);
	SWT_SET("alloc_node", "-1");
	SWT_SET("strategy", "pool");
	EXPECT_EQ(-EINVAL, swt_set("alloc_node", "0"));
	get_knob(_metadata, "alloc_node", val, sizeof(val));
	EXPECT_STREQ("-1", val);
}

/* A node that is not online: the write is taken, the start refused. */
TEST_F_TIMEOUT(slabwall, alloc_node_offline_refused, SWT_TIMEOUT)
{
	int nodes[MAX_NODES], n = online_nodes(nodes, MAX_NODES);
	struct swt_result r;
	char val[64];
	int err;

	if (!n)
		SKIP(return, "no %s (a kernel without NUMA)", NODE_ONLINE);
	SWT_SET("cpus", self->first);
	run_ok(_metadata, 50, &r);
	snprintf(val, sizeof(val), "%d", nodes[n - 1] + 1);
	SWT_SET("alloc_node", val);
	err = swt_control("start");
	EXPECT_EQ(-EINVAL, err) TH_LOG("start on offline node %s: %s", val,
				       strerror(-err));
	/* The last run's results stay. */
	expect_state(_metadata, "done");
	read_result(_metadata, &r);
	expect_stat_str(_metadata, "alloc_node", "-1");
}

/*
 * A run on one CPU, allocating on its own node from caches shrunk empty
 * (no other node's partial slab to refill from), crosses nothing: both
 * counters are in the stats and stay 0.
 */
TEST_F_TIMEOUT(slabwall, one_cpu_crosses_nothing, SWT_TIMEOUT)
{
	uint64_t allocs, frees;
	struct swt_result r;

	if (swt_is_dir(SWT_SLAB_DIR))
		shrink_to_zero(_metadata, SWT_CACHE_SKB);
	SWT_SET("cpus", self->first);
	SWT_SET("free", "local");
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "local");
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_allocs", &allocs));
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_frees", &frees));
	EXPECT_EQ(0ULL, allocs);
	EXPECT_EQ(0ULL, frees);
}

/*
 * With two nodes, a worker on the first node's CPU allocating on each
 * node in turn: every object of the run is on that node (all cross
 * nodes, or none), and its survivors show in that node's objects.
 * Nothing is left after reset.
 */
TEST_F_TIMEOUT(slabwall, alloc_node_allocates_there, SWT_TIMEOUT)
{
	int nodes[MAX_NODES], n = online_nodes(nodes, MAX_NODES);
	uint64_t before, after, other0, other1, cross, survivors;
	int cpu_node = node_of_cpu(self->cpu[0]);
	struct swt_result r;
	char val[16];
	int i, other;

	if (n < 2)
		SKIP(return, "%d online node(s): needs 2 (scripts/vm --nodes 2)", n);
	if (!swt_is_dir(SWT_SLAB_DIR))
		SKIP(return, "no %s (SLUB sysfs disabled)", SWT_SLAB_DIR);
	ASSERT_LE(0, cpu_node) TH_LOG("no node for CPU %d", self->cpu[0]);
	for (i = 0; i < 2; i++) {
		other = nodes[1 - i];
		ASSERT_EQ(0, swt_control("reset"));
		shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
		ASSERT_EQ(0, slab_node_attr(SWT_CACHE_DENTRY, "objects", nodes[i],
					    &before));
		ASSERT_EQ(0, slab_node_attr(SWT_CACHE_DENTRY, "objects", other,
					    &other0));
		SWT_SET("pattern", "dentry");
		SWT_SET("cpus", self->first);
		SWT_SETU("allocs_per_op", 64);
		SWT_SETU("survive_every", 4);
		SWT_SETU("survivors_max", 1024);
		snprintf(val, sizeof(val), "%d", nodes[i]);
		SWT_SET("alloc_node", val);
		run_ok(_metadata, 200, &r);
		ASSERT_EQ(0, swt_stat_u64(stats, "survivors", &survivors));
		ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_allocs", &cross));
		EXPECT_EQ(0ULL, r.alloc_failures);
		EXPECT_EQ(r.allocs, r.frees + survivors);
		EXPECT_EQ(nodes[i] == cpu_node ? 0 : r.allocs, cross)
			TH_LOG("node %d from CPU %d (node %d): %" PRIu64
			       " of %" PRIu64 " allocations crossed", nodes[i],
			       self->cpu[0], cpu_node, cross, r.allocs);
		ASSERT_EQ(0, swt_write_str(SWT_SLAB_DIR "/" SWT_CACHE_DENTRY "/shrink", "1"));
		ASSERT_EQ(0, slab_node_attr(SWT_CACHE_DENTRY, "objects", nodes[i],
					    &after));
		ASSERT_EQ(0, slab_node_attr(SWT_CACHE_DENTRY, "objects", other,
					    &other1));
		SWT_MSG("alloc_node %d: %" PRIu64 " survivors; N%d objects %"
			PRIu64 " -> %" PRIu64 ", N%d %" PRIu64 " -> %" PRIu64,
			nodes[i], survivors, nodes[i], before, after, other,
			other0, other1);
		EXPECT_LT(0ULL, survivors);
		EXPECT_LE(before + survivors, after)
			TH_LOG("node %d's objects did not rise by the survivors",
			       nodes[i]);
		EXPECT_GT(other0 + survivors, other1)
			TH_LOG("node %d's objects rose by the survivors", other);
	}
	ASSERT_EQ(0, swt_control("reset"));
	shrink_to_zero(_metadata, SWT_CACHE_DENTRY);
}

/*
 * Two CPUs on two nodes, free=remote.  An object allocated on its
 * worker's node and freed on the other CPU crosses nodes at the free.
 * But SLUB, finding no partial slab on a CPU's own node, takes one from
 * the other node (get_any_partial()), and remote frees leave partial
 * slabs there: such an object crosses at the allocation and goes home at
 * the free.  So cross-node frees = remote frees - cross-node allocations,
 * plus up to twice the objects a worker freed itself at the end (frees -
 * remote_frees: those cross at the free only if they did at the
 * allocation).  With free=local every object is freed by the CPU that
 * allocated it: it crosses at the free exactly when it did at the
 * allocation (a refill from the other node's partial slabs).
 */
TEST_F_TIMEOUT(slabwall, remote_free_crosses_nodes, SWT_TIMEOUT)
{
	int nodes[MAX_NODES], n = online_nodes(nodes, MAX_NODES);
	uint64_t allocs, frees, local, want;
	struct swt_result r;

	if (n < 2)
		SKIP(return, "%d online node(s): needs 2 (scripts/vm --nodes 2)", n);
	if (self->ncpus < 2 || node_of_cpu(self->cpu[0]) == node_of_cpu(self->cpu[1]))
		SKIP(return, "CPUs %s are not on two nodes", self->two);
	SWT_SET("cpus", self->two);
	SWT_SET("free", "remote");
	run_ok(_metadata, 200, &r);
	check_clean(_metadata, &r, 8, "remote");
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_allocs", &allocs));
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_frees", &frees));
	SWT_MSG("remote: frees %" PRIu64 " remote %" PRIu64 " cross-node allocs %"
		PRIu64 " frees %" PRIu64, r.frees, r.remote_frees, allocs, frees);
	EXPECT_LT(0ULL, r.remote_frees);
	ASSERT_LE(allocs, r.allocs);
	local = r.frees - r.remote_frees;
	want = r.remote_frees > allocs ? r.remote_frees - allocs : 0;
	EXPECT_LE(want, frees);
	EXPECT_GE(want + 2 * local, frees);

	SWT_SET("free", "local");
	run_ok(_metadata, 100, &r);
	check_clean(_metadata, &r, 8, "local");
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_allocs", &allocs));
	ASSERT_EQ(0, swt_stat_u64(stats, "cross_node_frees", &frees));
	SWT_MSG("local: allocs %" PRIu64 " cross-node allocs %" PRIu64
		" frees %" PRIu64, r.allocs, allocs, frees);
	EXPECT_EQ(allocs, frees);
	ASSERT_EQ(0, swt_control("reset"));
	shrink_to_zero(_metadata, SWT_CACHE_SKB);
}

TEST_HARNESS_MAIN

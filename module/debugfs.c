// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/slabwall/: one file per knob, control, stats and
 * histogram.  One mutex orders every knob write, start, stop and reset
 * against each other and against readers of the last run; a signal
 * interrupts the wait for it.  A start takes cpus_read_lock() inside it.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/cpu.h>
#include "slabwall.h"

const char *const sw_free_names[SW_NR_FREE_MODES] = {
#define SW_FREE_MODE(id, name)		\
	[SW_FREE_##id] = #name,
#include "uapi/slabwall.h"
#undef SW_FREE_MODE
};

static DEFINE_MUTEX(sw_lock);
static struct sw_config sw_cfg;		/* the knobs, under sw_lock */
static struct sw_run *sw_run;		/* the last run, under sw_lock */
static struct dentry *sw_dir;
static struct sw_calibration sw_cal;	/* the last calibration, under sw_lock */
static bool sw_calibrating;		/* one is measuring, without sw_lock */

const struct sw_knob sw_knobs[SW_NR_KNOBS] = {
#define SW_KNOB(file, fld, type, w, lo, hi, d)				\
	[SW_KNOB_##file] = { .name = #file,				\
			     .offset = offsetof(struct sw_config, fld),	\
			     .kind = SW_KNOB_##type, .words = w,		\
			     .min = lo, .max = hi, .def = d },
#include "uapi/slabwall.h"
#undef SW_KNOB
};

static u32 *sw_knob_field(const struct sw_knob *k)
{
	return (u32 *)((char *)&sw_cfg + k->offset);
}

static void sw_config_defaults(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sw_knobs); i++)
		if (sw_knobs[i].kind != SW_KNOB_CPULIST)
			*sw_knob_field(&sw_knobs[i]) = sw_knobs[i].def;
	cpumask_copy(sw_cfg.cpus, cpu_online_mask);
}

static int sw_set_cpus(const char *s)
{
	cpumask_var_t mask;
	int err;

	if (!alloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;
	/* cpulist_parse() says -ERANGE for CPUs past nr_cpu_ids: all -EINVAL. */
	err = cpulist_parse(s, mask) ? -EINVAL : 0;
	if (!err && (cpumask_empty(mask) || !cpumask_subset(mask, cpu_online_mask)))
		err = -EINVAL;
	if (!err)
		cpumask_copy(sw_cfg.cpus, mask);
	free_cpumask_var(mask);
	return err;
}

static int sw_knob_parse(const struct sw_knob *k, const char *s, u32 *v)
{
	unsigned int i;

	if (k->kind == SW_KNOB_WORD) {
		for (i = k->min; i <= k->max; i++) {
			if (!strcmp(s, k->words[i])) {
				*v = i;
				return 0;
			}
		}
		return -EINVAL;
	}
	if (k->kind == SW_KNOB_NODE) {
		s32 node;

		/* Whether the node is online is for the start to say. */
		if (kstrtos32(s, 10, &node) || node < (s32)k->min ||
		    node > (s32)k->max)
			return -EINVAL;
		*v = node;
		return 0;
	}
	if (kstrtou32(s, 10, v) || *v < k->min || *v > k->max)
		return -EINVAL;
	return 0;
}

/*
 * Parse @s for @k and store it; on any error nothing changes.  A pattern
 * and strategy that do not go together are refused whichever is written
 * second.
 */
static int sw_knob_set(const struct sw_knob *k, const char *s)
{
	u32 v, old;
	int err;

	if (k->kind == SW_KNOB_CPULIST)
		return sw_set_cpus(s);
	err = sw_knob_parse(k, s, &v);
	if (err)
		return err;
	old = *sw_knob_field(k);
	*sw_knob_field(k) = v;
	if (!sw_supported(&sw_cfg)) {
		*sw_knob_field(k) = old;
		return -EINVAL;
	}
	return 0;
}

/* Every word of a word knob, the current one in brackets, as sysfs does. */
static void sw_show_words(struct seq_file *m, const struct sw_knob *k, u32 cur)
{
	unsigned int i;

	for (i = k->min; i <= k->max; i++)
		seq_printf(m, i == cur ? "%s[%s]" : "%s%s",
			   i == k->min ? "" : " ", k->words[i]);
	seq_putc(m, '\n');
}

static int sw_knob_show(struct seq_file *m, void *unused)
{
	const struct sw_knob *k = m->private;
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	if (k->kind == SW_KNOB_CPULIST)
		seq_printf(m, "%*pbl\n", cpumask_pr_args(sw_cfg.cpus));
	else if (k->kind == SW_KNOB_WORD)
		sw_show_words(m, k, *sw_knob_field(k));
	else if (k->kind == SW_KNOB_NODE)
		seq_printf(m, "%d\n", (s32)*sw_knob_field(k));
	else
		seq_printf(m, "%u\n", *sw_knob_field(k));
	mutex_unlock(&sw_lock);
	return 0;
}

static int sw_knob_open(struct inode *inode, struct file *file)
{
	return single_open(file, sw_knob_show, inode->i_private);
}

/*
 * One write is one whole value, as text: a write at a non-zero offset
 * (the rest of a value, or a second value on the same open file) and one
 * holding a NUL are refused, not pieced together or cut short.
 */
static char *sw_read_input(const char __user *ubuf, size_t len, loff_t pos)
{
	char *buf, *s;

	if (pos || len > SW_INPUT_MAX)
		return ERR_PTR(-EINVAL);
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return buf;
	if (strlen(buf) != len) {
		kfree(buf);
		return ERR_PTR(-EINVAL);
	}
	/* strim() skips leading space by returning a later pointer. */
	s = strim(buf);
	memmove(buf, s, strlen(s) + 1);
	return buf;
}

/* A write taken: the next one on this open file is at a non-zero offset. */
static ssize_t sw_write_done(int err, size_t len, loff_t *ppos)
{
	if (err)
		return err;
	*ppos += len;
	return len;
}

static ssize_t sw_knob_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	const struct sw_knob *k = ((struct seq_file *)file->private_data)->private;
	char *buf = sw_read_input(ubuf, len, *ppos);
	int err;

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = mutex_lock_interruptible(&sw_lock);
	if (err)
		goto out;
	if (sw_run_state(sw_run) == SW_RUNNING)
		err = -EBUSY;
	else
		err = sw_knob_set(k, buf);
	mutex_unlock(&sw_lock);
out:
	kfree(buf);
	return sw_write_done(err, len, ppos);
}

static const struct file_operations sw_knob_fops = {
	.owner = THIS_MODULE,
	.open = sw_knob_open,
	.read = seq_read,
	.write = sw_knob_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sw_control_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	seq_printf(m, "%s\n", sw_state_names[sw_run_state(sw_run)]);
	mutex_unlock(&sw_lock);
	return 0;
}

static int sw_control_open(struct inode *inode, struct file *file)
{
	return single_open(file, sw_control_show, NULL);
}

/*
 * typesafe_rcu takes effect at a start: if the caches' flag differs, the
 * knobs are checked, the last run (whose survivors and pools live in the
 * caches) goes, and the caches are made again.  Outside cpus_read_lock():
 * kmem_cache_create() takes it.
 */
static int sw_start_caches(void)
{
	int err;

	if (!sw_caches_need_change(sw_cfg.typesafe_rcu))
		return 0;
	cpus_read_lock();
	err = sw_run_check(&sw_cfg);
	cpus_read_unlock();
	if (err)
		return err;
	sw_run_free(sw_run);
	sw_run = NULL;
	return sw_caches_set_typesafe(sw_cfg.typesafe_rcu);
}

/*
 * A start refused for its knobs keeps the last run's results.  Otherwise
 * the last run goes first, so its survivors and pools neither skew the
 * new run's slab numbers nor count twice against the memory.  No CPU
 * goes offline between the check that the run's CPUs are online and the
 * start of their threads.
 */
static int sw_start(void)
{
	struct sw_run *run;
	int err;

	if (sw_run_state(sw_run) == SW_RUNNING || sw_calibrating)
		return -EBUSY;
	err = sw_start_caches();
	if (err)
		return err;
	cpus_read_lock();
	err = sw_run_check(&sw_cfg);
	if (!err) {
		sw_run_free(sw_run);
		sw_run = NULL;
		err = sw_run_start(&run, &sw_cfg);
		if (!err)
			sw_run = run;
	}
	cpus_read_unlock();
	return err;
}

static int sw_reset(void)
{
	if (sw_run_state(sw_run) == SW_RUNNING || sw_calibrating)
		return -EBUSY;
	sw_run_free(sw_run);
	sw_run = NULL;
	sw_config_defaults();
	memset(&sw_cal, 0, sizeof(sw_cal));
	/* The caches as a fresh load has them: typesafe_rcu 0. */
	return sw_caches_set_typesafe(sw_cfg.typesafe_rcu);
}

/* "calibrate" or "calibrate LOOPS": the turns of each loop, or -EINVAL. */
static int sw_calibrate_parse(const char *s, u32 *loops)
{
	if (strncmp(s, "calibrate", 9))
		return -EINVAL;
	s += 9;
	if (!*s) {
		*loops = SW_CAL_LOOPS;
		return 0;
	}
	if (*s != ' ' || kstrtou32(skip_spaces(s), 10, loops) ||
	    *loops < 1 || *loops > SW_MAX_CAL_LOOPS)
		return -EINVAL;
	return 0;
}

/*
 * Called and returns with sw_lock held, but measures without it: readers
 * and knob writes go on, a start, a reset or a second calibration is
 * refused meanwhile.  The loops run on the writer's CPU, at the current
 * object_size for kmalloc, data_size and name_len for the real objects
 * and the patterns' whole objects, on the CPU's own node.
 */
static int sw_calibrate_locked(u32 loops)
{
	/* The sizes it measures at; one calibration at a time uses it. */
	static struct sw_config knobs;
	struct sw_calibration cal = sw_cal;
	int err;

	if (sw_run_state(sw_run) == SW_RUNNING || sw_calibrating)
		return -EBUSY;
	if (!sw_caches_ready())
		return -ENOMEM;
	knobs.object_size = sw_cfg.object_size;
	knobs.data_size = sw_cfg.data_size;
	knobs.name_len = sw_cfg.name_len;
	knobs.alloc_node = SW_NODE_OWN;
	sw_calibrating = true;
	mutex_unlock(&sw_lock);
	err = sw_calibrate(&cal, loops, &knobs);
	mutex_lock(&sw_lock);
	if (!err)
		sw_cal = cal;
	sw_calibrating = false;
	return err;
}

static ssize_t sw_control_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	char *buf = sw_read_input(ubuf, len, *ppos);
	int err = -EINVAL;
	u32 loops;

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (mutex_lock_interruptible(&sw_lock)) {
		kfree(buf);
		return -EINTR;
	}
	if (!strcmp(buf, "start"))
		err = sw_start();
	else if (!strcmp(buf, "stop"))
		err = sw_run ? sw_run_stop_interruptible(sw_run) : 0;
	else if (!strcmp(buf, "reset"))
		err = sw_reset();
	else if (!sw_calibrate_parse(buf, &loops))
		err = sw_calibrate_locked(loops);
	mutex_unlock(&sw_lock);
	kfree(buf);
	return sw_write_done(err, len, ppos);
}

static const struct file_operations sw_control_fops = {
	.owner = THIS_MODULE,
	.open = sw_control_open,
	.read = seq_read,
	.write = sw_control_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sw_stats_file_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	err = sw_stats_show(m, sw_run, &sw_cfg);
	mutex_unlock(&sw_lock);
	return err;
}
DEFINE_SHOW_ATTRIBUTE(sw_stats_file);

/* The caches a run with the current knobs would allocate from. */
static int sw_caches_file_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	sw_caches_show(m, false, &sw_cfg);
	mutex_unlock(&sw_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sw_caches_file);

static int sw_histogram_file_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	err = sw_histogram_show(m, sw_run);
	mutex_unlock(&sw_lock);
	return err;
}
DEFINE_SHOW_ATTRIBUTE(sw_histogram_file);

static int sw_calibration_file_show(struct seq_file *m, void *unused)
{
	int err = mutex_lock_interruptible(&sw_lock);

	if (err)
		return err;
	sw_calibration_show(m, &sw_cal);
	mutex_unlock(&sw_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sw_calibration_file);

int sw_debugfs_init(void)
{
	unsigned int i;

	if (!zalloc_cpumask_var(&sw_cfg.cpus, GFP_KERNEL))
		return -ENOMEM;
	sw_config_defaults();

	sw_dir = debugfs_create_dir(SW_DEBUGFS_DIR, NULL);
	if (IS_ERR(sw_dir)) {
		free_cpumask_var(sw_cfg.cpus);
		return PTR_ERR(sw_dir);
	}
	for (i = 0; i < ARRAY_SIZE(sw_knobs); i++)
		debugfs_create_file(sw_knobs[i].name, 0600, sw_dir,
				    (void *)&sw_knobs[i], &sw_knob_fops);
	debugfs_create_file("control", 0600, sw_dir, NULL, &sw_control_fops);
	debugfs_create_file("stats", 0400, sw_dir, NULL, &sw_stats_file_fops);
	debugfs_create_file("histogram", 0400, sw_dir, NULL,
			    &sw_histogram_file_fops);
	debugfs_create_file("caches", 0400, sw_dir, NULL, &sw_caches_file_fops);
	debugfs_create_file("calibration", 0400, sw_dir, NULL,
			    &sw_calibration_file_fops);
	return 0;
}

/* Files first, so no new run can start; then the last run goes. */
void sw_debugfs_exit(void)
{
	debugfs_remove_recursive(sw_dir);
	mutex_lock(&sw_lock);
	sw_run_free(sw_run);
	sw_run = NULL;
	mutex_unlock(&sw_lock);
	free_cpumask_var(sw_cfg.cpus);
}

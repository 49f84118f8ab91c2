/* What this machine charges for one kernel crossing, one page fault and one
 * vDSO clock read: bench's own rungs, measured once per boot and kept in a
 * cache file (a measurement takes about a quarter of a second). */
#include "advise_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench/bench.h"
#include "core/output.h"
#include "core/strbuf.h"
#include "core/util.h"

#define COST_FILE "advise-machine"

/* The machine, this boot: a new kernel, CPU or boot (microcode, mitigations
 * switched on the command line) may change the prices. */
static char *machine_key(void)
{
	struct sg_str k = { 0 };
	struct utsname u;
	char *boot = NULL, *cpu = NULL;
	size_t len;

	if (sg_read_file("/proc/sys/kernel/random/boot_id", &boot, &len) == 0)
		boot[strcspn(boot, "\n")] = '\0';
	if (sg_read_file("/proc/cpuinfo", &cpu, &len) == 0) {
		char *m = strstr(cpu, "model name");
		m = m ? strchr(m, ':') : NULL;
		if (m)
			memmove(cpu, m + 2, strcspn(m + 2, "\n") + 1), cpu[strcspn(cpu, "\n")] = '\0';
		else
			cpu[0] = '\0';
	}
	uname(&u);
	/* The leading version names how the prices were taken: a cache of an
	 * older way is measured again. */
	sg_str_addf(&k, "2|%s|%s|%s %s", boot ? boot : "", cpu ? cpu : "", u.release, u.version);
	free(boot);
	free(cpu);
	return sg_str_take(&k);
}

static char *cache_path(void)
{
	struct sg_str p = { 0 };
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		sg_str_addf(&p, "%s/sysgate/" COST_FILE, xdg);
	else if (home && *home)
		sg_str_addf(&p, "%s/.cache/sysgate/" COST_FILE, home);
	else
		return NULL;
	return sg_str_take(&p);
}

static int load(const char *path, const char *key, struct adv_machine *m)
{
	char *text = NULL;
	size_t len;

	if (!path || sg_read_file(path, &text, &len) < 0)
		return -1;
	char *nl = strchr(text, '\n');
	int ok = nl && (size_t)(nl - text) == strlen(key) && strncmp(text, key, strlen(key)) == 0 &&
		 sscanf(nl + 1, "null_syscall_ns %lf\npage_fault_ns %lf\nvdso_clock_ns %lf",
			&m->null_syscall_ns, &m->page_fault_ns, &m->vdso_clock_ns) == 3 &&
		 m->null_syscall_ns > 0;
	free(text);
	return ok ? 0 : -1;
}

/* A cache that cannot be written is no error: the next run measures again. */
static void save(const char *path, const char *key, const struct adv_machine *m)
{
	char *tmp;
	char *dir = path ? sg_xstrdup(path) : NULL;

	if (!dir)
		return;
	*strrchr(dir, '/') = '\0';
	FILE *f = sg_mkdir_p(dir, 0755) == 0 ? sg_atomic_open(path, &tmp) : NULL;
	free(dir);
	if (!f)
		return;
	fprintf(f, "%s\nnull_syscall_ns %.2f\npage_fault_ns %.2f\nvdso_clock_ns %.2f\n", key,
		m->null_syscall_ns, m->page_fault_ns, m->vdso_clock_ns);
	sg_atomic_commit(f, path, tmp);
}

static int measure(struct adv_machine *m)
{
	int rc = sg_bench_rung_ns("syscall", 100, &m->null_syscall_ns);

	if (rc == 0)
		rc = sg_bench_rung_ns("vdso", 30, &m->vdso_clock_ns);
	if (rc == 0 && sg_bench_rung_ns("page-fault", 100, &m->page_fault_ns) < 0)
		m->page_fault_ns = 0; /* unknown: fault-heavy prices nothing */
	return rc;
}

int adv_machine_cost(struct adv_machine *m)
{
	char *key = machine_key(), *path = cache_path();
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if (load(path, key, m) < 0) {
		rc = measure(m);
		if (rc == 0)
			save(path, key, m);
	}
	free(key);
	free(path);
	return rc;
}

/* prctl with each option the decoders know, harmless arguments only: what a getter
 * reads is set back, and what cannot be undone (no_new_privs, a dropped bounding
 * capability, securebits, a seccomp filter) happens in a child that then exits. */
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/securebits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long pr(long option, unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	return syscall(SYS_prctl, option, a2, a3, a4, a5);
}

static void names(void)
{
	char old[16] = "", got[16] = "";

	pr(PR_GET_NAME, (unsigned long)old, 0, 0, 0);
	pr(PR_SET_NAME, (unsigned long)"worker", 0, 0, 0);
	pr(PR_GET_NAME, (unsigned long)got, 0, 0, 0);
	pr(PR_SET_NAME, (unsigned long)"a-name-longer-than-sixteen", 0, 0, 0);
	pr(PR_SET_NAME, (unsigned long)old, 0, 0, 0);
	pr(PR_GET_NAME, 0, 0, 0, 0); /* EFAULT */
}

static void signals_and_flags(void)
{
	int v = -1;

	pr(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, (unsigned long)&v, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, (unsigned long)&v, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 200, 0, 0, 0); /* EINVAL */
	pr(PR_GET_DUMPABLE, 0, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 1, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 7, 0, 0, 0); /* EINVAL */
	pr(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	pr(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0);
	pr(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
	pr(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0);
	pr(PR_GET_KEEPCAPS, 0, 0, 0, 0);
	pr(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	pr(PR_GET_TIMING, 0, 0, 0, 0);
	pr(PR_SET_TIMING, PR_TIMING_STATISTICAL, 0, 0, 0);
	pr(PR_GET_SECUREBITS, 0, 0, 0, 0);
	pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	pr(PR_GET_THP_DISABLE, 0, 0, 0, 0);
	pr(PR_SET_THP_DISABLE, 0, 0, 0, 0);
	pr(PR_GET_IO_FLUSHER, 0, 0, 0, 0);
	pr(PR_GET_TSC, (unsigned long)&v, 0, 0, 0);
	pr(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
	pr(PR_GET_UNALIGN, (unsigned long)&v, 0, 0, 0);
	pr(PR_GET_ENDIAN, (unsigned long)&v, 0, 0, 0);
	pr(PR_GET_FPEMU, (unsigned long)&v, 0, 0, 0);
	pr(PR_GET_FPEXC, (unsigned long)&v, 0, 0, 0);
	pr(PR_GET_FP_MODE, 0, 0, 0, 0);
	pr(PR_SET_FP_MODE, PR_FP_MODE_FR, 0, 0, 0);
}

static void timers_and_memory(void)
{
	long slack = pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	unsigned long tid = 0;
	size_t len = 4096;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	pr(PR_SET_TIMERSLACK, 50000, 0, 0, 0);
	pr(PR_SET_TIMERSLACK, (unsigned long)slack, 0, 0, 0);
	pr(PR_GET_TID_ADDRESS, (unsigned long)&tid, 0, 0, 0);
	pr(PR_MCE_KILL_GET, 0, 0, 0, 0);
	pr(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_DEFAULT, 0, 0);
	pr(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
	pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long)p, len, (unsigned long)"sg-test");
	pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long)p, len, 0);
	pr(PR_SET_VMA, 7, (unsigned long)p, len, 0);
	pr(PR_TASK_PERF_EVENTS_DISABLE, 0, 0, 0, 0);
	pr(PR_TASK_PERF_EVENTS_ENABLE, 0, 0, 0, 0);
	pr(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
	pr(PR_GET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH, 0, 0, 0);
	pr(PR_GET_SPECULATION_CTRL, 9, 0, 0, 0);
	pr(PR_SET_MM, PR_SET_MM_START_CODE, 0, 0, 0);
	pr(PR_SET_MM, 99, 0, 0, 0);
	pr(PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, PR_SCHED_CORE_SCOPE_THREAD_GROUP, 0);
	/* arm64's tagged addresses: refused here, decoded all the same */
	pr(PR_SET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
	pr(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC, 0, 0, 0);
	pr(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_MASK | (0x3fffUL << PR_MTE_TAG_SHIFT), 0, 0, 0);
	pr(PR_SET_TAGGED_ADDR_CTRL, PR_MTE_TCF_ASYNC | (3UL << PR_MTE_TAG_SHIFT) | (1UL << 20), 2, 3, 4);
	pr(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
	pr(0xdead, 1, 2, 3, 4);
	munmap(p, len);
}

static void capabilities(void)
{
	pr(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0);
	pr(PR_CAPBSET_READ, 200, 0, 0, 0);
	pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0);
	pr(PR_CAP_AMBIENT, 9, 0, 0, 0);
}

/* What stays set for the rest of a process's life. */
static void in_child(void)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &allow };

	pr(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 0, 0, 0, 0);
	pr(PR_CAPBSET_DROP, CAP_SYS_BOOT, 0, 0, 0);
	pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_CHOWN, 0, 0);
	pr(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP | SECBIT_KEEP_CAPS, 0, 0, 0);
	pr(PR_GET_SECUREBITS, 0, 0, 0, 0);
	pr(PR_SET_PTRACER, (unsigned long)-1, 0, 0, 0);
	pr(PR_SET_PTRACER, 0, 0, 0, 0);
	pr(PR_SET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, PR_SPEC_ENABLE, 0, 0);
	pr(PR_SET_IO_FLUSHER, 0, 0, 0, 0);
	pr(PR_SET_SECCOMP, 0xff, 0, 0, 0);
	/* Not NULL: a backend that maps page 0 would let the kernel read it. */
	pr(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, (unsigned long)-1, 0, 0);
	pr(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, (unsigned long)&prog, 0, 0);
	pr(PR_GET_SECCOMP, 0, 0, 0, 0);
}

int main(void)
{
	pid_t child;

	names();
	signals_and_flags();
	timers_and_memory();
	capabilities();
	child = fork();
	if (child == 0) {
		in_child();
		_exit(0);
	}
	if (child > 0)
		waitpid(child, NULL, 0);
	puts("prctl calls done");
	return 0;
}

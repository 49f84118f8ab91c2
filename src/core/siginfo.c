/* siginfo_t in strace's notation, for "--- SIGxxx {...} ---" lines. */
#include <unistd.h>

#include "decode_int.h"
#include "event.h"

static const struct sg_flag si_codes[] = {
	SG_FLAG(SI_USER), SG_FLAG(SI_KERNEL), SG_FLAG(SI_QUEUE), SG_FLAG(SI_TIMER),
	SG_FLAG(SI_MESGQ), SG_FLAG(SI_ASYNCIO), SG_FLAG(SI_SIGIO), SG_FLAG(SI_TKILL),
	SG_FLAG_END,
};
static const struct sg_flag chld_codes[] = {
	SG_FLAG(CLD_EXITED),  SG_FLAG(CLD_KILLED),  SG_FLAG(CLD_DUMPED),
	SG_FLAG(CLD_TRAPPED), SG_FLAG(CLD_STOPPED), SG_FLAG(CLD_CONTINUED), SG_FLAG_END,
};
static const struct sg_flag segv_codes[] = {
	SG_FLAG(SEGV_MAPERR), SG_FLAG(SEGV_ACCERR), SG_FLAG(SEGV_BNDERR), SG_FLAG(SEGV_PKUERR),
	SG_FLAG_END,
};
static const struct sg_flag sys_codes[] = { { 1, "SYS_SECCOMP" }, SG_FLAG_END };

static const struct sg_flag *code_table(const siginfo_t *si)
{
	if (si->si_code <= 0)
		return si_codes;
	switch (si->si_signo) {
	case SIGCHLD: return chld_codes;
	case SIGSEGV: return segv_codes;
	case SIGSYS: return sys_codes;
	default: return si_codes;
	}
}

/* Decimal digits a tick's fraction of a second needs: 2 for CLK_TCK 100 (at most 9). */
static int tick_digits(long clk_tck)
{
	int n = 0;

	for (long v = clk_tck; v >= 10 && n < 9; v /= 10)
		n++;
	return n;
}

/* A clock_t in ticks as strace prints one: the number and, unless -X raw, a comment
 * with it in seconds ("26" then "0.26 s" at CLK_TCK 100); zero has no comment. */
static void print_clock_t(struct sg_str *out, unsigned long long ticks)
{
	long clk_tck = sysconf(_SC_CLK_TCK);

	sg_str_addf(out, "%llu", ticks);
	if (ticks == 0 || clk_tck <= 0 || sg_xlat_style_now() == SG_XLAT_RAW)
		return;
	sg_str_addf(out, " /* %llu.%0*llu s */", ticks / (unsigned long long)clk_tck,
		    tick_digits(clk_tck), ticks % (unsigned long long)clk_tck);
}

void sg_format_siginfo(const siginfo_t *si, struct sg_str *out)
{
	sg_str_add(out, "{si_signo=");
	sg_print_signo(out, si->si_signo);
	sg_str_add(out, ", si_code=");
	sg_print_xlat(out, code_table(si), si->si_code);
	if (si->si_code <= 0) {
		sg_str_addf(out, ", si_pid=%d", si->si_pid);
		sg_add_pid_suffix(out, si->si_pid);
		sg_str_addf(out, ", si_uid=%u", si->si_uid);
	} else if (si->si_signo == SIGCHLD) {
		sg_str_addf(out, ", si_pid=%d", si->si_pid);
		sg_add_pid_suffix(out, si->si_pid);
		sg_str_addf(out, ", si_uid=%u, si_status=", si->si_uid);
		if (si->si_code == CLD_EXITED)
			sg_str_addf(out, "%d", si->si_status);
		else
			sg_print_signo(out, si->si_status);
		sg_str_add(out, ", si_utime=");
		print_clock_t(out, (unsigned long long)si->si_utime);
		sg_str_add(out, ", si_stime=");
		print_clock_t(out, (unsigned long long)si->si_stime);
	} else if (si->si_signo == SIGSEGV || si->si_signo == SIGBUS ||
		   si->si_signo == SIGILL || si->si_signo == SIGFPE) {
		sg_str_add(out, ", si_addr=");
		sg_print_ptr(out, (uint64_t)(uintptr_t)si->si_addr);
	} else if (si->si_signo == SIGSYS) {
		sg_str_addf(out, ", si_call_addr=%p, si_syscall=%d, si_arch=%#x",
			    si->si_call_addr, si->si_syscall, si->si_arch);
	}
	sg_str_addc(out, '}');
}

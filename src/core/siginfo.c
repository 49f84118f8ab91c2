/* siginfo_t in strace's notation, for "--- SIGxxx {...} ---" lines. */
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
		sg_str_addf(out, ", si_utime=%ld, si_stime=%ld", (long)si->si_utime,
			    (long)si->si_stime);
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

/* Decoders for signals: numbers, masks, sigaction. */
#include "decode_int.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "names.h"

/* The kernel's struct sigaction on x86_64, which differs from glibc's. */
struct sg_kernel_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

void sg_print_sigmask(struct sg_str *out, uint64_t mask)
{
	const char *sep = "";
	int bits = __builtin_popcountll(mask);
	bool inverted = bits > 32;

	/* Like strace, a mostly full set prints as the complement. */
	if (inverted) {
		mask = ~mask;
		sg_str_addc(out, '~');
	}
	sg_str_addc(out, '[');
	for (int sig = 1; sig <= 64; sig++) {
		if (!(mask & (1ull << (sig - 1))))
			continue;
		char buf[16], number[16];
		const char *name = sg_signal_name(sig, buf, sizeof(buf));
		snprintf(number, sizeof(number), "%d", sig);
		if (!name)
			name = number;
		else if (strncmp(name, "SIG", 3) == 0)
			name += 3;
		sg_str_add(out, sep);
		sg_print_named(out, number, name);
		sep = " ";
	}
	sg_str_addc(out, ']');
}

void sg_kind_signal(struct sg_dctx *d)
{
	sg_print_signo(d->out, (int)sg_arg(d, d->idx));
}

void sg_kind_sigset(struct sg_dctx *d)
{
	uint64_t mask, addr = sg_arg(d, d->idx);

	if (sg_fetch(d, addr, &mask, sizeof(mask)) == 0)
		sg_print_sigmask(d->out, mask);
}

/* rt_sigreturn: the mask the frame at its stack pointer restores. */
void sg_kind_sigframe(struct sg_dctx *d)
{
	uint64_t mask, sp = sg_arg(d, d->idx);

	if (sg_fetch(d, sp + SG_SIGFRAME_MASK_OFFSET, &mask, sizeof(mask)) < 0)
		return;
	sg_str_add(d->out, "{mask=");
	sg_print_sigmask(d->out, mask);
	sg_str_add(d->out, "}");
}

static void print_handler(struct sg_str *out, uint64_t h)
{
	if (h == (uint64_t)(uintptr_t)SIG_DFL)
		sg_print_named(out, "0", "SIG_DFL");
	else if (h == (uint64_t)(uintptr_t)SIG_IGN)
		sg_print_named(out, "0x1", "SIG_IGN");
	else
		sg_str_addf(out, "%#llx", (unsigned long long)h);
}

void sg_kind_sigaction(struct sg_dctx *d)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(SA_NOCLDSTOP), SG_FLAG(SA_NOCLDWAIT), SG_FLAG(SA_SIGINFO),
		{ 0x04000000, "SA_RESTORER" }, SG_FLAG(SA_ONSTACK), SG_FLAG(SA_RESTART),
		SG_FLAG(SA_NODEFER), SG_FLAG(SA_RESETHAND), SG_FLAG_END,
	};
	struct sg_kernel_sigaction sa;
	uint64_t addr = sg_arg(d, d->idx);

	if (sg_fetch(d, addr, &sa, sizeof(sa)) < 0)
		return;
	sg_str_add(d->out, "{sa_handler=");
	print_handler(d->out, sa.handler);
	sg_str_add(d->out, ", sa_mask=");
	sg_print_sigmask(d->out, sa.mask);
	sg_str_add(d->out, ", sa_flags=");
	sg_print_flags(d->out, flags, sa.flags, "0");
	if (sa.flags & 0x04000000)
		sg_str_addf(d->out, ", sa_restorer=%#llx", (unsigned long long)sa.restorer);
	sg_str_addc(d->out, '}');
}

void sg_kind_sigmask_how(struct sg_dctx *d)
{
	static const struct sg_flag how[] = {
		SG_FLAG(SIG_BLOCK), SG_FLAG(SIG_UNBLOCK), SG_FLAG(SIG_SETMASK), SG_FLAG_END,
	};
	sg_print_xlat(d->out, how, (int)sg_arg(d, d->idx));
}

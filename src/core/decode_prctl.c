/* prctl: the option by name, then only the arguments that option uses, each as it
 * means there, as strace prints them. Which arguments the kernel writes (decoded at
 * exit) and what is read at each is decided in capture_prctl.c. */
#include "decode_int.h"

#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>

#include "prctl_names.h"

/* The kernel's values of the dumpable flag, which no UAPI header carries. */
static const struct sg_flag dumpable[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" }, { 2, "SUID_DUMP_ROOT" }, SG_FLAG_END,
};

#define TASK_COMM_SHOWN 15 /* a task's name: 16 bytes with its NUL */

static const char *lookup(const struct sg_flag *t, uint64_t v)
{
	for (; t->name; t++)
		if (t->val == v)
			return t->name;
	return NULL;
}

/* A number in hex, but zero as 0. */
static void print_x(struct sg_dctx *d, uint64_t v)
{
	if (v)
		sg_str_addf(d->out, "%#llx", (unsigned long long)v);
	else
		sg_str_addc(d->out, '0');
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)v;
}

static void print_u(struct sg_dctx *d, uint64_t v)
{
	sg_str_add_uint(d->out, v);
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)v;
}

/* A value's name, or the value and a comment naming what it should have been. */
static void print_xval(struct sg_dctx *d, const struct sg_flag *t, uint64_t v, const char *unknown)
{
	const char *name = lookup(t, v);

	if (name) {
		sg_str_add(d->out, name);
		return;
	}
	print_x(d, v);
	sg_str_addf(d->out, " /* %s */", unknown);
}

/* Flags; a value none of whose bits has a name gets the comment instead. */
static void print_flags(struct sg_dctx *d, const struct sg_flag *t, uint64_t v, const char *unknown)
{
	bool named = false;

	for (const struct sg_flag *f = t; f->name; f++)
		named |= f->val && (v & f->val) == f->val;
	if (v && !named) {
		print_x(d, v);
		sg_str_addf(d->out, " /* %s */", unknown);
		return;
	}
	sg_print_flags(d->out, t, v, "0");
}

/* [value] of an int the kernel wrote at addr. */
static bool fetch_int(struct sg_dctx *d, uint64_t addr, int *v)
{
	return sg_fetch(d, addr, v, sizeof(*v)) == 0;
}

/* A task name, at most 15 bytes (and -s). */
static void print_comm(struct sg_dctx *d, uint64_t addr)
{
	struct sg_decode_opts o = *d->o;
	struct sg_dctx shorter = *d;

	if (o.strsize > TASK_COMM_SHOWN)
		o.strsize = TASK_COMM_SHOWN;
	shorter.o = &o;
	sg_print_tracee_str(&shorter, addr);
}

/* ---- argument printers: n is the argument's number (2..5), v its value ---- */

typedef void (*prctl_arg_fn)(struct sg_dctx *d, int n, uint64_t v);

static void arg_none(struct sg_dctx *d, int n, uint64_t v)
{
	(void)d, (void)n, (void)v;
}

static void arg_hex(struct sg_dctx *d, int n, uint64_t v)
{
	(void)n;
	print_x(d, v);
}

static void arg_uint_then_hex(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_u(d, v);
	else
		print_x(d, v);
}

static void arg_uint(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_u(d, v);
}

static void arg_out_uint(struct sg_dctx *d, int n, uint64_t v)
{
	int i;

	if (n == 2 && fetch_int(d, v, &i))
		sg_str_addf(d->out, "[%u]", (unsigned)i);
}

static void arg_out_signal(struct sg_dctx *d, int n, uint64_t v)
{
	int i;

	if (n != 2 || !fetch_int(d, v, &i))
		return;
	sg_str_addc(d->out, '[');
	sg_print_signo(d->out, i);
	sg_str_addc(d->out, ']');
}

static void arg_out_tsc(struct sg_dctx *d, int n, uint64_t v)
{
	int i;

	if (n != 2 || !fetch_int(d, v, &i))
		return;
	sg_str_addc(d->out, '[');
	print_xval(d, sg_prctl_tsc, (unsigned)i, "PR_TSC_???");
	sg_str_addc(d->out, ']');
}

static void arg_out_address(struct sg_dctx *d, int n, uint64_t v)
{
	uint64_t addr;

	if (n != 2 || sg_fetch(d, v, &addr, sizeof(addr)) != 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_ptr(d->out, addr);
	sg_str_addc(d->out, ']');
}

static void arg_name(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_comm(d, v);
}

static void arg_pdeathsig(struct sg_dctx *d, int n, uint64_t v)
{
	if (n != 2)
		return;
	if (v > 128)
		print_u(d, v);
	else
		sg_print_signo(d->out, (int)v);
}

static void arg_ptracer(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2 && (int)v == -1)
		sg_str_add(d->out, "PR_SET_PTRACER_ANY");
	else if (n == 2)
		print_u(d, v);
}

static void arg_dumpable(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, dumpable, v, "SUID_DUMP_???");
}

static void arg_capability(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_capabilities, v, "CAP_???");
}

static void arg_cap_ambient(struct sg_dctx *d, int n, uint64_t v)
{
	uint64_t op = sg_arg(d, 1);
	bool takes_cap = op == PR_CAP_AMBIENT_RAISE || op == PR_CAP_AMBIENT_LOWER ||
			 op == PR_CAP_AMBIENT_IS_SET;

	if (n == 2)
		print_xval(d, sg_prctl_cap_ambient, v, "PR_CAP_AMBIENT_???");
	else if (n == 3 && takes_cap)
		print_xval(d, sg_capabilities, v, "CAP_???");
	else
		print_x(d, v);
}

static void arg_mce_kill(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_prctl_mce_kill, v, "PR_MCE_KILL_???");
	else if (n == 3 && sg_arg(d, 1) == PR_MCE_KILL_SET)
		print_xval(d, sg_prctl_mce_kill_policy, v, "PR_MCE_KILL_???");
	else
		print_x(d, v);
}

static void arg_set_mm(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_prctl_set_mm, (unsigned)v, "PR_SET_MM_???");
	else
		print_x(d, v);
}

/* A seccomp filter program: its length and where its instructions are. */
static void print_fprog(struct sg_dctx *d, uint64_t addr)
{
	struct {
		uint16_t len;
		uint64_t filter;
	} prog;

	if (sg_fetch(d, addr, &prog, sizeof(prog)) != 0)
		return;
	sg_str_addf(d->out, "{len=%u, filter=", prog.len);
	sg_print_ptr(d->out, prog.filter);
	sg_str_addc(d->out, '}');
}

static void arg_seccomp(struct sg_dctx *d, int n, uint64_t v)
{
	uint64_t mode = sg_arg(d, 1);

	if (n == 2)
		print_xval(d, sg_seccomp_modes, v, "SECCOMP_MODE_???");
	else if (mode == SECCOMP_MODE_FILTER && n == 3)
		print_fprog(d, v);
	else if (mode != SECCOMP_MODE_FILTER && mode != SECCOMP_MODE_STRICT)
		print_x(d, v);
}

static void arg_securebits(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_flags(d, sg_securebits, v, "SECBIT_???");
}

static void arg_timerslack(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		sg_str_add_int(d->out, (long long)v);
}

static void arg_tsc(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_prctl_tsc, (unsigned)v, "PR_TSC_???");
}

static void arg_unalign(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_flags(d, sg_prctl_unalign, (unsigned)v, "PR_UNALIGN_???");
}

static void arg_fp_mode(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_flags(d, sg_prctl_fp_mode, (unsigned)v, "PR_FP_MODE_???");
}

static bool spec_known(uint64_t cmd)
{
	return lookup(sg_prctl_spec_cmd, cmd) != NULL;
}

static void arg_get_spec(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_prctl_spec_cmd, v, "PR_SPEC_???");
}

static void arg_set_spec(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_xval(d, sg_prctl_spec_cmd, v, "PR_SPEC_???");
	else if (n == 3 && spec_known(sg_arg(d, 1)))
		print_xval(d, sg_prctl_spec_flags, v, "PR_SPEC_???");
	else if (n == 3)
		print_x(d, v);
}

static void arg_set_vma(struct sg_dctx *d, int n, uint64_t v)
{
	bool anon_name = sg_arg(d, 1) == PR_SET_VMA_ANON_NAME;

	if (n == 2)
		print_xval(d, sg_prctl_set_vma, v, "PR_SET_VMA_???");
	else if (!anon_name)
		print_x(d, v);
	else if (n == 3)
		sg_print_ptr(d->out, v);
	else if (n == 4)
		print_u(d, v);
	else
		sg_print_tracee_str(d, v);
}

/* A vector length with its flags above the low 16 bits: FLAGS|0x10 or 0x10. */
static void print_vl(struct sg_dctx *d, const struct sg_flag *flags, uint64_t v)
{
	uint64_t high = v & ~(uint64_t)PR_SVE_VL_LEN_MASK;
	struct sg_dctx len = *d;

	if (high) {
		sg_print_flags(d->out, flags, high, "0");
		sg_str_addc(d->out, '|');
	}
	print_x(&len, v & PR_SVE_VL_LEN_MASK);
}

static void arg_sve_vl(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_vl(d, sg_prctl_sve_vl_flags, v);
}

static void arg_sme_vl(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_vl(d, sg_prctl_sme_vl_flags, v);
}

static void arg_pac_reset(struct sg_dctx *d, int n, uint64_t v)
{
	if (n == 2)
		print_flags(d, sg_prctl_pac_keys, v, "PR_PAC_???");
	else
		print_x(d, v);
}

/* The keys that can be switched on and off (not the generic key). */
static const struct sg_flag enabled_keys[] = {
	SG_FLAG(PR_PAC_APIAKEY), SG_FLAG(PR_PAC_APIBKEY), SG_FLAG(PR_PAC_APDAKEY),
	SG_FLAG(PR_PAC_APDBKEY), SG_FLAG_END,
};

static void arg_pac_set(struct sg_dctx *d, int n, uint64_t v)
{
	if (n <= 3)
		print_flags(d, enabled_keys, v, "PR_PAC_???");
	else
		print_x(d, v);
}

static void arg_dispatch(struct sg_dctx *d, int n, uint64_t v)
{
	bool known = lookup(sg_prctl_sys_dispatch, sg_arg(d, 1)) != NULL;

	if (n == 2)
		print_xval(d, sg_prctl_sys_dispatch, v, "PR_SYS_DISPATCH_???");
	else if (n == 5 && known)
		sg_print_ptr(d->out, v); /* the selector byte */
	else
		print_x(d, v);
}

/* The kernel's pid types (the scopes of a core scheduling cookie), not in UAPI. */
static const struct sg_flag pid_types[] = {
	{ 0, "PIDTYPE_PID" }, { 1, "PIDTYPE_TGID" }, { 2, "PIDTYPE_PGID" }, { 3, "PIDTYPE_SID" },
	SG_FLAG_END,
};

static void arg_sched_core(struct sg_dctx *d, int n, uint64_t v)
{
	const char *type = lookup(pid_types, v);

	if (n == 2) {
		print_xval(d, sg_prctl_sched_core, v, "PR_SCHED_CORE_???");
	} else if (n == 3) {
		sg_str_add_int(d->out, (int)v);
	} else if (n == 4) {
		print_x(d, v); /* the value, then its name as a comment */
		sg_str_addf(d->out, " /* %s */", type ? type : "PIDTYPE_???");
	} else if (lookup(sg_prctl_sched_core, sg_arg(d, 1))) {
		sg_print_ptr(d->out, v);
	} else {
		print_x(d, v);
	}
}

/* arm64's tagged addresses (the kernel refuses them elsewhere, but a program may
 * ask): enabled or not, the MTE fault mode, the tag mask, the rest in hex. */
static const struct sg_flag mte_tcf[] = {
	{ PR_MTE_TCF_NONE, "PR_MTE_TCF_NONE" },
	{ PR_MTE_TCF_SYNC, "PR_MTE_TCF_SYNC" },
	{ PR_MTE_TCF_ASYNC, "PR_MTE_TCF_ASYNC" },
	{ PR_MTE_TCF_MASK, "PR_MTE_TCF_MASK" },
	SG_FLAG_END,
};

static void arg_tagged_addr(struct sg_dctx *d, int n, uint64_t v)
{
	uint64_t rest = v & ~(uint64_t)(PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_MASK | PR_MTE_TAG_MASK);

	if (n != 2) {
		print_x(d, v);
		return;
	}
	sg_str_add(d->out, v & PR_TAGGED_ADDR_ENABLE ? "PR_TAGGED_ADDR_ENABLE|"
						     : "!PR_TAGGED_ADDR_ENABLE|");
	sg_str_add(d->out, lookup(mte_tcf, v & PR_MTE_TCF_MASK));
	if (v & PR_MTE_TAG_MASK)
		sg_str_addf(d->out, "|%#llx<<PR_MTE_TAG_SHIFT",
			    (unsigned long long)((v & PR_MTE_TAG_MASK) >> PR_MTE_TAG_SHIFT));
	if (rest)
		sg_str_addf(d->out, "|%#llx", (unsigned long long)rest);
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)v;
}

static const struct {
	unsigned option;
	prctl_arg_fn fn;
} arg_printers[] = {
	{ PR_GET_KEEPCAPS, arg_none },
	{ PR_GET_SECCOMP, arg_none },
	{ PR_GET_TIMERSLACK, arg_none },
	{ PR_GET_TIMING, arg_none },
	{ PR_GET_DUMPABLE, arg_none },
	{ PR_GET_SECUREBITS, arg_none },
	{ PR_GET_FP_MODE, arg_none },
	{ PR_TASK_PERF_EVENTS_DISABLE, arg_none },
	{ PR_TASK_PERF_EVENTS_ENABLE, arg_none },
	{ PR_SVE_GET_VL, arg_none },
	{ PR_SME_GET_VL, arg_none },
	{ PR_SET_NO_NEW_PRIVS, arg_uint_then_hex },
	{ PR_SET_THP_DISABLE, arg_uint_then_hex },
	{ PR_SET_IO_FLUSHER, arg_uint_then_hex },
	{ PR_SET_CHILD_SUBREAPER, arg_uint },
	{ PR_SET_ENDIAN, arg_uint },
	{ PR_SET_FPEMU, arg_uint },
	{ PR_SET_FPEXC, arg_uint },
	{ PR_SET_KEEPCAPS, arg_uint },
	{ PR_SET_TIMING, arg_uint },
	{ PR_GET_CHILD_SUBREAPER, arg_out_uint },
	{ PR_GET_ENDIAN, arg_out_uint },
	{ PR_GET_FPEMU, arg_out_uint },
	{ PR_GET_FPEXC, arg_out_uint },
	{ PR_GET_UNALIGN, arg_out_uint },
	{ PR_GET_PDEATHSIG, arg_out_signal },
	{ PR_GET_TSC, arg_out_tsc },
	{ PR_GET_TID_ADDRESS, arg_out_address },
	{ PR_GET_NAME, arg_name },
	{ PR_SET_NAME, arg_name },
	{ PR_SET_PDEATHSIG, arg_pdeathsig },
	{ PR_SET_PTRACER, arg_ptracer },
	{ PR_SET_DUMPABLE, arg_dumpable },
	{ PR_CAPBSET_READ, arg_capability },
	{ PR_CAPBSET_DROP, arg_capability },
	{ PR_CAP_AMBIENT, arg_cap_ambient },
	{ PR_MCE_KILL, arg_mce_kill },
	{ PR_SET_MM, arg_set_mm },
	{ PR_SET_SECCOMP, arg_seccomp },
	{ PR_SET_SECUREBITS, arg_securebits },
	{ PR_SET_TIMERSLACK, arg_timerslack },
	{ PR_SET_TSC, arg_tsc },
	{ PR_SET_UNALIGN, arg_unalign },
	{ PR_SET_FP_MODE, arg_fp_mode },
	{ PR_GET_SPECULATION_CTRL, arg_get_spec },
	{ PR_SET_SPECULATION_CTRL, arg_set_spec },
	{ PR_SET_VMA, arg_set_vma },
	{ PR_SVE_SET_VL, arg_sve_vl },
	{ PR_SME_SET_VL, arg_sme_vl },
	{ PR_PAC_RESET_KEYS, arg_pac_reset },
	{ PR_PAC_SET_ENABLED_KEYS, arg_pac_set },
	{ PR_SET_SYSCALL_USER_DISPATCH, arg_dispatch },
	{ PR_SCHED_CORE, arg_sched_core },
	{ PR_SET_TAGGED_ADDR_CTRL, arg_tagged_addr },
};

void sg_kind_prctl_option(struct sg_dctx *d)
{
	unsigned option = (unsigned)sg_arg(d, d->idx);
	const char *name = lookup(sg_prctl_options, option);

	if (name)
		sg_str_add(d->out, name);
	else
		sg_str_addf(d->out, "%#x /* PR_??? */", option);
}

/* Any other option: every argument, in hex. */
void sg_kind_prctl_arg(struct sg_dctx *d)
{
	unsigned option = (unsigned)sg_arg(d, 0);
	prctl_arg_fn fn = arg_hex;

	for (size_t k = 0; k < sizeof(arg_printers) / sizeof(arg_printers[0]); k++)
		if (arg_printers[k].option == option)
			fn = arg_printers[k].fn;
	fn(d, d->idx + 1, sg_arg(d, d->idx));
}

/* ---- results ---- */

static bool ret_named(struct sg_str *out, const struct sg_flag *t, long long v)
{
	const char *name = lookup(t, (uint64_t)v);

	if (!name)
		return false;
	sg_str_addf(out, "%lld (%s)", v, name);
	return true;
}

static bool ret_flags(struct sg_str *out, const struct sg_flag *t, long long v, const char *zero)
{
	if (v == 0 && !zero)
		return false;
	sg_str_addf(out, "%#llx (", v);
	sg_print_flags(out, t, (uint64_t)v, zero);
	sg_str_addc(out, ')');
	return true;
}

bool sg_ret_prctl(const struct sg_call *c, struct sg_str *out)
{
	long long v = c->ret;

	if (c->nr != SYS_prctl || c->is_error)
		return false;
	switch ((unsigned)c->args[0]) {
	case PR_GET_DUMPABLE: return ret_named(out, dumpable, v);
	case PR_MCE_KILL_GET: return ret_named(out, sg_prctl_mce_kill_policy, v);
	case PR_GET_SECUREBITS: return ret_flags(out, sg_securebits, v, NULL);
	case PR_GET_FP_MODE: return ret_flags(out, sg_prctl_fp_mode, v, NULL);
	case PR_GET_SPECULATION_CTRL:
		if (!spec_known(c->args[1]))
			return false;
		return ret_flags(out, sg_prctl_spec_flags, v, "PR_SPEC_NOT_AFFECTED");
	default:
		return false;
	}
}

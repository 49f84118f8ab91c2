/* The decoder driver: walks a call's arguments and hands each to its kind printer. */
#include "decode_int.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "capture.h"
#include "names.h"
#include "util.h"

/* Syscall ints are 32-bit; 64-bit kinds (off_t, long) keep the full value. */
static long long int_value(uint64_t a)
{
	if (a >> 32 && (int64_t)a < 0 && (int64_t)a >= INT32_MIN)
		return (int64_t)a;
	if (a >> 32)
		return (long long)a;
	return (int)a;
}

static void kind_int(struct sg_dctx *d)
{
	long long v = int_value(sg_arg(d, d->idx));

	sg_str_add_int(d->out, v);
	d->v->type = SG_VAL_NUM;
	d->v->num = v;
}

static void kind_uint(struct sg_dctx *d)
{
	sg_str_add_uint(d->out, sg_arg(d, d->idx));
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)sg_arg(d, d->idx);
}

static void kind_hex(struct sg_dctx *d)
{
	sg_str_add_hex(d->out, sg_arg(d, d->idx));
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)sg_arg(d, d->idx);
}

static void kind_ptr(struct sg_dctx *d)
{
	sg_print_ptr(d->out, sg_arg(d, d->idx));
	d->v->type = SG_VAL_NUM;
	d->v->num = (long long)sg_arg(d, d->idx);
}

static void kind_fd(struct sg_dctx *d)
{
	sg_print_fd(d, (int)sg_arg(d, d->idx));
}

static void kind_dirfd(struct sg_dctx *d)
{
	if ((int)sg_arg(d, d->idx) == -100) {
		sg_str_add(d->out, "AT_FDCWD");
		d->v->type = SG_VAL_TEXT;
		if (d->o->fd_details & SG_FD_PATH)
			sg_print_cwd(d); /* -y: AT_FDCWD</home/me> */
		return;
	}
	kind_fd(d);
}

/* Printed as part of another argument (clone's stack goes with its flags). */
static void kind_hidden(struct sg_dctx *d)
{
	(void)d;
}

static const sg_kind_fn kind_table[SG_K_COUNT] = {
	[SG_K_INT] = kind_int,
	[SG_K_UINT] = kind_uint,
	[SG_K_HEX] = kind_hex,
	[SG_K_PTR] = kind_ptr,
	[SG_K_FD] = kind_fd,
	[SG_K_DIRFD] = kind_dirfd,
	[SG_K_PATH] = sg_kind_path,
	[SG_K_STRING] = sg_kind_string,
	[SG_K_BUF_IN] = sg_kind_buf_in,
	[SG_K_BUF_OUT] = sg_kind_buf_out,
	[SG_K_ARGV] = sg_kind_argv,
	[SG_K_ENVP] = sg_kind_envp,
	[SG_K_OPEN_FLAGS] = sg_kind_open_flags,
	[SG_K_OPEN_MODE] = sg_kind_open_mode,
	[SG_K_MODE] = sg_kind_mode,
	[SG_K_ACCESS_MODE] = sg_kind_access_mode,
	[SG_K_AT_FLAGS] = sg_kind_at_flags,
	[SG_K_PROT] = sg_kind_prot,
	[SG_K_MMAP_FLAGS] = sg_kind_mmap_flags,
	[SG_K_MADVICE] = sg_kind_madvice,
	[SG_K_CLONE_FLAGS] = sg_kind_clone_flags,
	[SG_K_SOCK_FAMILY] = sg_kind_sock_family,
	[SG_K_SOCK_TYPE] = sg_kind_sock_type,
	[SG_K_SOCKADDR] = sg_kind_sockaddr,
	[SG_K_SOCKADDR_OUT] = sg_kind_sockaddr_out,
	[SG_K_STAT] = sg_kind_stat,
	[SG_K_STATX] = sg_kind_statx,
	[SG_K_TIMESPEC] = sg_kind_timespec,
	[SG_K_IOVEC] = sg_kind_iovec,
	[SG_K_IOVEC_OUT] = sg_kind_iovec,
	[SG_K_POLLFD] = sg_kind_pollfd,
	[SG_K_RLIMIT] = sg_kind_rlimit,
	[SG_K_RLIMIT_RESOURCE] = sg_kind_rlimit_resource,
	[SG_K_SIGACTION] = sg_kind_sigaction,
	[SG_K_SIGSET] = sg_kind_sigset,
	[SG_K_SIGFRAME] = sg_kind_sigframe,
	[SG_K_FLAGS] = sg_kind_flags,
	[SG_K_SIGNAL] = sg_kind_signal,
	[SG_K_SIGMASK_HOW] = sg_kind_sigmask_how,
	[SG_K_SEEK_WHENCE] = sg_kind_seek_whence,
	[SG_K_FCNTL_CMD] = sg_kind_fcntl_cmd,
	[SG_K_FCNTL_ARG] = sg_kind_fcntl_arg,
	[SG_K_IOCTL_CMD] = sg_kind_ioctl_cmd,
	[SG_K_ARCH_PRCTL] = sg_kind_arch_prctl,
	[SG_K_CLOCKID] = sg_kind_clockid,
	[SG_K_WAIT_STATUS] = sg_kind_wait_status,
	[SG_K_WAIT_OPTIONS] = sg_kind_wait_options,
	[SG_K_FUTEX_OP] = sg_kind_futex_op,
	[SG_K_PIPE_FDS] = sg_kind_pipe_fds,
	[SG_K_FILE_HANDLE] = sg_kind_file_handle,
	[SG_K_FILE_HANDLE_OUT] = sg_kind_file_handle_out,
	[SG_K_INT_OUT] = sg_kind_int_out,
	[SG_K_GETRANDOM_FLAGS] = sg_kind_getrandom_flags,
	[SG_K_SOCKLEN] = sg_kind_socklen,
	[SG_K_FUTEX_TIMEOUT] = sg_kind_futex_timeout,
	[SG_K_FUTEX_UADDR2] = sg_kind_futex_uaddr2,
	[SG_K_FUTEX_VAL3] = sg_kind_futex_val3,
	[SG_K_STATX_MASK] = sg_kind_statx_mask,
	[SG_K_STATX_FLAGS] = sg_kind_statx_flags,
	[SG_K_FADVICE] = sg_kind_fadvice,
	[SG_K_HIDDEN] = kind_hidden,
	[SG_K_CLONE_ARGS] = sg_kind_clone_args,
	[SG_K_CLONE_PTID] = sg_kind_clone_ptid,
	[SG_K_CLONE_CTID] = sg_kind_clone_ctid,
	[SG_K_CLONE_TLS] = sg_kind_clone_tls,
	[SG_K_DIRENTS] = sg_kind_dirents,
	[SG_K_SOCK_PROTO] = sg_kind_sock_proto,
	[SG_K_GIDS_IN] = sg_kind_gids_in,
	[SG_K_GIDS_OUT] = sg_kind_gids_out,
	[SG_K_TIMER_FLAGS] = sg_kind_timer_flags,
	[SG_K_PID] = sg_kind_pid,
	[SG_K_STATFS] = sg_kind_statfs,
	[SG_K_PRCTL_OPTION] = sg_kind_prctl_option,
	[SG_K_PRCTL_ARG] = sg_kind_prctl_arg,
	[SG_K_IOCTL_ARG] = sg_kind_ioctl_arg,
	[SG_K_SOCKOPT_LEVEL] = sg_kind_sockopt_level,
	[SG_K_SOCKOPT_NAME] = sg_kind_sockopt_name,
	[SG_K_SOCKOPT_VAL_IN] = sg_kind_sockopt_val_in,
	[SG_K_SOCKOPT_VAL_OUT] = sg_kind_sockopt_val_out,
	[SG_K_SOCKOPT_LEN_OUT] = sg_kind_sockopt_len_out,
	[SG_K_MSGHDR_IN] = sg_kind_msghdr_in,
	[SG_K_MSGHDR_OUT] = sg_kind_msghdr_out,
	[SG_K_MMSGHDR_IN] = sg_kind_mmsghdr_in,
	[SG_K_MMSGHDR_OUT] = sg_kind_mmsghdr_out,
	[SG_K_SYSINFO] = sg_kind_sysinfo,
	[SG_K_MSG_FLAGS] = sg_kind_msg_flags,
	[SG_K_SOCKBUF_IN] = sg_kind_sockbuf_in,
	[SG_K_SOCKBUF_OUT] = sg_kind_sockbuf_out,
};

/* -X of the call being decoded, for the printers of constants inside structures
 * (sg_print_named). Per thread: decoding may run on more than one. */
static _Thread_local enum sg_xlat_style xlat_style;

/* The kinds that print a named constant, and the base strace prints its number
 * in when asked for numbers (-X raw, -X verbose): 'x' hex, 'd' decimal. */
static const char constant_base[SG_K_COUNT] = {
	[SG_K_OPEN_FLAGS] = 'x',   [SG_K_AT_FLAGS] = 'x',	   [SG_K_PROT] = 'x',
	[SG_K_MMAP_FLAGS] = 'x',   [SG_K_CLONE_FLAGS] = 'x',	   [SG_K_SOCK_TYPE] = 'x',
	[SG_K_FCNTL_CMD] = 'x',	   [SG_K_FCNTL_ARG] = 'x',	   [SG_K_WAIT_OPTIONS] = 'x',
	[SG_K_FUTEX_OP] = 'x',	   [SG_K_GETRANDOM_FLAGS] = 'x',   [SG_K_STATX_MASK] = 'x',
	[SG_K_STATX_FLAGS] = 'x',  [SG_K_ACCESS_MODE] = 'x',	   [SG_K_ARCH_PRCTL] = 'x',
	[SG_K_IOCTL_CMD] = 'x',	   [SG_K_SIGMASK_HOW] = 'x',	   [SG_K_SEEK_WHENCE] = 'x',
	[SG_K_CLOCKID] = 'x',	   [SG_K_RLIMIT_RESOURCE] = 'x',   [SG_K_SOCK_FAMILY] = 'x',
	[SG_K_SOCK_PROTO] = 'x',   [SG_K_MADVICE] = 'x',	   [SG_K_FADVICE] = 'x',
	[SG_K_TIMER_FLAGS] = 'x',  [SG_K_SIGNAL] = 'd',	   [SG_K_DIRFD] = 'd',
	[SG_K_FLAGS] = 'x',
};

/* Whether this argument printed a constant (not a number or an fd that only
 * shares the kind). */
static bool printed_constant(const struct sg_dctx *d, int kind, const char *text)
{
	if (kind == SG_K_DIRFD)
		return (int)sg_arg(d, d->idx) == -100;
	if (kind == SG_K_FCNTL_ARG) {
		int cmd = (int)sg_arg(d, d->idx - 1);
		return cmd == 2 /* F_SETFD */ || cmd == 4 /* F_SETFL */;
	}
	return constant_base[kind] && text[0];
}

/* A socket's type and its flags are two constants, each with its own comment. */
static void restyle_sock_type(struct sg_dctx *d, uint64_t v, struct sg_str *text)
{
	struct sg_str num = { 0 };
	char *bar = strchr(text->s, '|');

	sg_str_addf(&num, "%#llx", (unsigned long long)(v & 0xf));
	if (d->o->xlat == SG_XLAT_VERBOSE && bar)
		sg_str_addf(&num, " /* %.*s */", (int)(bar - text->s), text->s);
	sg_str_addf(&num, "|%#llx", (unsigned long long)(v & ~0xfull));
	if (d->o->xlat == SG_XLAT_VERBOSE && bar)
		sg_str_addf(&num, " /* %s */", bar + 1);
	sg_str_free(text);
	*text = num;
}

/* -X raw: the number alone; -X verbose: the number, then the names in a comment. */
static void restyle_constant(struct sg_dctx *d, int kind, struct sg_str *text)
{
	uint64_t v = sg_arg(d, d->idx);
	struct sg_str num = { 0 };

	if (kind != SG_K_CLONE_FLAGS)
		v &= 0xffffffffu; /* int arguments: the upper half is not the program's */
	if (constant_base[kind] == 'd')
		sg_str_add_int(&num, (int)v);
	else if (kind == SG_K_SOCK_TYPE && (v & ~0xfull)) {
		sg_str_free(&num);
		restyle_sock_type(d, v, text);
		return;
	} else if (v)
		sg_str_addf(&num, "%#llx", (unsigned long long)v);
	else
		sg_str_add(&num, "0");
	/* AT_FDCWD keeps what -y added after it (its working directory). */
	size_t keep = kind == SG_K_DIRFD && strncmp(text->s, "AT_FDCWD", 8) == 0 ? 8 : text->len;
	/* Bits with no name are printed already as verbose shows them: "0x40", then "PROT_???" in a comment. */
	bool styled = strncmp(text->s, num.s, num.len) == 0 && strncmp(text->s + num.len, " /* ", 4) == 0;
	if (d->o->xlat == SG_XLAT_VERBOSE && styled) {
		sg_str_reset(&num);
		keep = 0;
	} else if (d->o->xlat == SG_XLAT_VERBOSE && strcmp(num.s, text->s) != 0)
		sg_str_addf(&num, " /* %.*s */", (int)keep, text->s);
	sg_str_add(&num, text->s + keep);
	sg_str_free(text);
	*text = num;
}

/* -e verbose=: kinds that read a structure or an array print its address. */
static bool shown_as_address(const struct sg_call *c, const struct sg_decode_opts *o, int kind)
{
	switch (kind) {
	case SG_K_ARGV: case SG_K_ENVP: case SG_K_STAT: case SG_K_STATX: case SG_K_TIMESPEC:
	case SG_K_SOCKADDR: case SG_K_SOCKADDR_OUT: case SG_K_IOVEC: case SG_K_IOVEC_OUT:
	case SG_K_RLIMIT: case SG_K_SIGACTION: case SG_K_SIGSET: case SG_K_WAIT_STATUS:
	case SG_K_PIPE_FDS: case SG_K_SOCKLEN: case SG_K_GIDS_IN: case SG_K_GIDS_OUT:
	case SG_K_FUTEX_TIMEOUT: case SG_K_DIRENTS: case SG_K_STATFS:
	case SG_K_MSGHDR_IN: case SG_K_MSGHDR_OUT: case SG_K_MMSGHDR_IN: case SG_K_MMSGHDR_OUT:
	case SG_K_SYSINFO: case SG_K_FILE_HANDLE: case SG_K_FILE_HANDLE_OUT: case SG_K_INT_OUT:
		break;
	default:
		return false;
	}
	return o->no_deref && c->nr >= 0 && c->nr < SG_NR_SYSCALLS && o->no_deref[c->nr];
}

static void decode_one(struct sg_call *c, const struct sg_decode_opts *o, int i, int kind)
{
	struct sg_str text = { 0 };
	struct sg_dctx d = { .c = c, .o = o, .idx = i, .out = &text, .v = &c->vals[i] };

	c->vals[i].type = SG_VAL_TEXT;
	if (shown_as_address(c, o, SG_ARG_KIND(kind))) {
		/* ...unless its printer hides it (futex's unused timeout) */
		kind_table[SG_ARG_KIND(kind)](&d);
		kind = text.len ? SG_K_PTR : SG_K_HIDDEN;
		sg_str_free(&text);
		c->vals[i].type = SG_VAL_TEXT;
	}
	/* An argument that is a constant is printed by name, then restyled whole;
	 * constants inside structures are styled where they are printed. */
	xlat_style = constant_base[SG_ARG_KIND(kind)] ? SG_XLAT_ABBREV : o->xlat;
	kind_table[SG_ARG_KIND(kind)](&d);
	xlat_style = o->xlat;
	if (o->xlat != SG_XLAT_ABBREV && text.len &&
	    printed_constant(&d, SG_ARG_KIND(kind), text.s))
		restyle_constant(&d, SG_ARG_KIND(kind), &text);
	/* A printer that prints nothing hides the argument (openat's unused mode). */
	c->vals[i].text = text.len ? sg_str_take(&text) : NULL;
	sg_str_free(&text);
}

static bool is_raw(const struct sg_call *c, const struct sg_decode_opts *o)
{
	return o->raw && c->nr >= 0 && c->nr < SG_NR_SYSCALLS && o->raw[c->nr];
}

/* The kind argument i is decoded as in the entry's pass or the exit's
 * (out_pass), or -1 when it belongs to the other pass. */
static int pass_kind(const struct sg_call *c, bool raw, int i, bool out_pass)
{
	bool typed = c->sc && !c->sc->no_metadata && !raw;
	int kind = typed ? c->sc->args[i].kind : SG_K_HEX;

	if ((typed && sg_arg_out(c->sc, c->args, i)) != out_pass)
		return -1;
	/* A failed call wrote nothing: show where it would have (ioctl's
	 * printer knows what its request brought in). */
	if (out_pass && c->is_error && SG_ARG_KIND(kind) != SG_K_IOCTL_ARG && !(kind & SG_ARG_ERR))
		return SG_K_PTR;
	return kind;
}

/* Each argument of one pass (pass_kind), handed to one: its text (decode_one)
 * or its value alone (value_one). */
typedef void (*arg_fn)(struct sg_call *c, const struct sg_decode_opts *o, int i, int kind);

static void each_pass_arg(struct sg_call *c, const struct sg_decode_opts *o, bool out_pass,
			  arg_fn one)
{
	bool raw = is_raw(c, o);

	for (int i = 0; i < c->nargs; i++) {
		int kind = pass_kind(c, raw, i, out_pass);
		if (kind >= 0)
			one(c, o, i, kind);
	}
}

static void decode_pass(struct sg_call *c, const struct sg_decode_opts *o, bool out_pass)
{
	each_pass_arg(c, o, out_pass, decode_one);
}

/* An argument's value as its printer sets it, without the text: numbers,
 * fds, and the bytes of paths and strings; anything else is text, made by
 * sg_decode_text. Not for -y, whose fds are text. */
static void value_one(struct sg_call *c, const struct sg_decode_opts *o, int i, int kind)
{
	struct sg_argval *v = &c->vals[i];
	struct sg_dctx d = { .c = c, .o = o, .idx = i, .out = NULL, .v = v };
	uint64_t a = c->args[i];

	v->type = SG_VAL_NUM;
	switch (SG_ARG_KIND(kind)) {
	case SG_K_INT: v->num = int_value(a); break;
	case SG_K_UINT: case SG_K_HEX: case SG_K_PTR: v->num = (long long)a; break;
	case SG_K_DIRFD:
		if ((int)a == -100) {
			v->type = SG_VAL_TEXT; /* AT_FDCWD */
			break;
		}
		/* fall through */
	case SG_K_FD: v->num = (int)a; break;
	case SG_K_PATH:
	case SG_K_STRING:
		v->type = SG_VAL_TEXT;
		sg_tracee_str_value(&d, a, SG_ARG_KIND(kind) == SG_K_PATH ? PATH_MAX : (size_t)o->strsize);
		break;
	default: v->type = SG_VAL_TEXT; break;
	}
}

static void values_pass(struct sg_call *c, const struct sg_decode_opts *o, bool out_pass)
{
	each_pass_arg(c, o, out_pass, value_one);
}

/* What an in/out argument held before the call, for "[IN => OUT]" at exit. */
static void remember_inputs(struct sg_call *c)
{
	for (int i = 0; c->sc && i < c->nargs; i++) {
		int len;
		/* recvmsg's msg_namelen is at offset 8 of its struct msghdr */
		uint64_t at = SG_ARG_KIND(c->sc->args[i].kind) == SG_K_MSGHDR_OUT ? 8 : 0;
		if (SG_ARG_KIND(c->sc->args[i].kind) == SG_K_IOCTL_ARG)
			sg_ioctl_remember(c, i);
		bool len_first = SG_ARG_KIND(c->sc->args[i].kind) == SG_K_SOCKLEN ||
				 SG_ARG_KIND(c->sc->args[i].kind) == SG_K_FILE_HANDLE_OUT;
		if ((!len_first && !at) || !c->args[i] ||
		    sg_call_read(c, c->args[i] + at, &len, sizeof(len)) != (ssize_t)sizeof(len))
			continue;
		c->vals[i].has_in = true;
		c->vals[i].in = len;
	}
}

/* The call's row of the table and how many arguments it has. */
static void call_starts(struct sg_call *c)
{
	c->sc = sg_syscall(c->nr);
	c->nargs = c->sc ? c->sc->nargs : SG_MAX_ARGS;
}

void sg_decode_enter(struct sg_call *c, const struct sg_decode_opts *o)
{
	call_starts(c);
	decode_pass(c, o, false);
	remember_inputs(c);
}

/* Kinds read at entry that the call leaves as they were: numbers and flags
 * (no memory), paths and strings (taken as values at entry), and data that
 * the kernel only reads. */
static bool kept_kind(enum sg_arg_kind k)
{
	return sg_kind_in_registers(k) || k == SG_K_PATH || k == SG_K_STRING ||
	       k == SG_K_BUF_IN || k == SG_K_SOCKBUF_IN;
}

bool sg_decode_entry_keeps(long nr)
{
	const struct sg_syscall *sc = sg_syscall(nr);

	if (!sc || sc->no_metadata)
		return false;
	for (int i = 0; i < sc->nargs; i++)
		if (!(sc->args[i].kind & SG_ARG_OUT) && !kept_kind(SG_ARG_KIND(sc->args[i].kind)))
			return false;
	return true;
}

void sg_decode_enter_values(struct sg_call *c, const struct sg_decode_opts *o)
{
	if (o->fd_details) {
		sg_decode_enter(c, o);
		return;
	}
	call_starts(c);
	values_pass(c, o, false);
	remember_inputs(c);
	c->text_due |= SG_TEXT_DUE_IN;
	c->text_opts = o;
}

/* A new fd, with what -y shows of it. */
static void format_ret_fd(struct sg_call *c, const struct sg_decode_opts *o, struct sg_str *t)
{
	struct sg_argval scratch = { 0 };
	struct sg_dctx d = { .c = c, .o = o, .idx = 0, .out = t, .v = &scratch };

	sg_print_fd(&d, (int)c->ret);
	free(scratch.raw);
}

/* A process id, with what --decode-pids shows of it. */
static void format_ret_pid(struct sg_call *c, const struct sg_decode_opts *o, struct sg_str *t)
{
	struct sg_argval scratch = { 0 };
	struct sg_dctx d = { .c = c, .o = o, .idx = 0, .out = t, .v = &scratch };

	sg_print_pid(&d, c->ret);
}

static void format_ret(struct sg_call *c, const struct sg_decode_opts *o, bool raw)
{
	struct sg_str t = { 0 };
	int64_t r = c->ret;

	if (c->is_error) {
		const char *name = sg_errno_name((int)-r);
		/* Restart codes never reach the program: the kernel repeats the call. */
		if (name && -r >= 512)
			sg_str_addf(&t, "? %s (%s)", name, sg_errno_text((int)-r));
		else if (name)
			sg_str_addf(&t, "-1 %s (%s)", name, sg_errno_text((int)-r));
		else
			sg_str_addf(&t, "-1 (errno %lld)", (long long)-r);
	} else if (raw || (c->sc && c->sc->ret == SG_RET_ADDR)) {
		sg_str_add_hex(&t, (unsigned long long)r);
	} else if (((c->sc && c->sc->ret == SG_RET_FD) || sg_ioctl_ret_is_fd(c)) && o->fd_details) {
		format_ret_fd(c, o, &t);
	} else if (c->sc && c->sc->ret == SG_RET_PID) {
		format_ret_pid(c, o, &t);
	} else if (sg_ret_flags(c, &t)) {
		/* a result that is a flag word, decoded */
	} else if (sg_ret_prctl(c, &t)) {
		/* a prctl result that has a name */
	} else if (o->kvm_vcpu && sg_ret_kvm_run(c, &t)) {
		/* KVM_RUN, and the reason its vcpu exited */
	} else if (sg_ret_ioctl(c, &t)) {
		/* an ioctl result that has a name */
	} else {
		sg_str_add_int(&t, (long long)r);
	}
	c->ret_text = sg_str_take(&t);
}

static void call_returns(struct sg_call *c, int64_t ret)
{
	c->ret = ret;
	/* The kernel returns -4095..-1 for errors; restart codes are 512..516. */
	c->is_error = ret < 0 && ret >= -4095;
	c->returned = true;
}

void sg_decode_exit(struct sg_call *c, const struct sg_decode_opts *o, int64_t ret)
{
	call_returns(c, ret);
	decode_pass(c, o, true);
	format_ret(c, o, is_raw(c, o));
	if (o->dump_read || o->dump_write)
		sg_decode_dump(c, o);
}

void sg_decode_exit_values(struct sg_call *c, const struct sg_decode_opts *o, int64_t ret)
{
	if (o->fd_details || o->dump_read || o->dump_write) {
		sg_decode_exit(c, o, ret);
		return;
	}
	call_returns(c, ret);
	values_pass(c, o, true);
	c->text_due |= SG_TEXT_DUE_OUT;
	c->text_opts = o;
}

void sg_decode_text(struct sg_call *c)
{
	const struct sg_decode_opts *o = c->text_opts;
	const struct sg_snap *at_exit = c->snap;

	if (c->text_due & SG_TEXT_DUE_IN) {
		c->snap = c->snap_in; /* the memory as the call found it */
		decode_pass(c, o, false);
		c->snap = at_exit;
	}
	if (c->text_due & SG_TEXT_DUE_OUT) {
		decode_pass(c, o, true);
		format_ret(c, o, is_raw(c, o));
	}
	c->text_due = 0;
}

void sg_decode_noreturn(struct sg_call *c)
{
	free(c->ret_text);
	c->ret_text = sg_xstrdup("?");
	c->returned = false;
}

void sg_call_clear(struct sg_call *c)
{
	/* Only the call's arguments have values (decode_pass, remember_inputs);
	 * the others are still zero. */
	int n = c->nargs > 0 && c->nargs <= SG_MAX_ARGS ? c->nargs : 0;

	/* Most are NULL (an argument decoded by value has no text): a test is
	 * cheaper than a call to free for each. */
	for (int i = 0; i < n; i++) {
		struct sg_argval *v = &c->vals[i];
		if (v->text || v->raw || v->before || v->before_extra) {
			free(v->text);
			free(v->raw);
			free(v->before);
			free(v->before_extra);
		}
	}
	free(c->ret_text);
	free(c->dump);
	sg_stack_free(c->stack);
	size_t used = offsetof(struct sg_call, vals) + (size_t)n * sizeof(c->vals[0]);
	/* Hidden from the optimiser, which, knowing the size's bounds, writes
	 * the memset as a `rep stos`: slower here than libc's, and this runs
	 * for every call decoded. */
	__asm__("" : "+r"(used));
	memset(c, 0, used);
}

void sg_call_format(const struct sg_call *c, struct sg_str *out)
{
	const char *sep = "";

	if (c->sc)
		sg_str_add(out, c->sc->name);
	else
		sg_str_addf(out, "syscall_%#lx", (unsigned long)c->nr);
	sg_str_addc(out, '(');
	for (int i = 0; i < c->nargs; i++) {
		if (!c->vals[i].text)
			continue;
		sg_str_add(out, sep);
		sg_str_add(out, c->vals[i].text);
		sep = ", ";
	}
	sg_str_addc(out, ')');
}

/* ---- helpers shared by the kind printers ---- */

void sg_decode_set_xlat(enum sg_xlat_style style)
{
	xlat_style = style;
}

enum sg_xlat_style sg_xlat_style_now(void)
{
	return xlat_style;
}

bool sg_unabbreviated(const struct sg_dctx *d)
{
	long nr = d->c->nr;

	return d->o->no_abbrev && nr >= 0 && nr < SG_NR_SYSCALLS && d->o->no_abbrev[nr];
}

void sg_print_named(struct sg_str *out, const char *number, const char *names)
{
	if (xlat_style == SG_XLAT_ABBREV)
		sg_str_add(out, names);
	else if (xlat_style == SG_XLAT_RAW || strcmp(number, names) == 0)
		sg_str_add(out, number);
	else
		sg_str_addf(out, "%s /* %s */", number, names);
}

/* The names of v's bits, |-joined, unknown bits in hex after them; whether any
 * bit had a name. */
static bool add_flag_names(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
			   const char *zero_text)
{
	const char *sep = "";

	if (v == 0) {
		sg_str_add(out, zero_text ? zero_text : "0");
		return true;
	}
	for (const struct sg_flag *f = table; f->name; f++) {
		if (f->val && (v & f->val) == f->val) {
			sg_str_add(out, sep);
			sg_str_add(out, f->name);
			sep = "|";
			v &= ~f->val;
		}
	}
	if (v)
		sg_str_addf(out, "%s%#llx", sep, v);
	return *sep != '\0';
}

/* What strace calls a bit a table does not name: the names' common prefix up to
 * its last '_' ("PROT_???"), or their common suffix from its '_' ("?_OK"); into
 * buf, or NULL if the names share neither. */
static const char *unknown_of(const struct sg_flag *table, char *buf, size_t size)
{
	size_t pre = table->name ? strlen(table->name) : 0, suf = pre;

	for (const struct sg_flag *f = table + 1; table->name && f->name; f++) {
		size_t n = strlen(f->name), i = 0;
		while (i < pre && i < n && f->name[i] == table->name[i])
			i++;
		pre = i;
		for (i = 0; i < suf && i < n && f->name[n - 1 - i] ==
						    table->name[strlen(table->name) - 1 - i];)
			i++;
		suf = i;
	}
	while (pre && table->name[pre - 1] != '_')
		pre--;
	if (pre && pre + 4 <= size) {
		snprintf(buf, size, "%.*s???", (int)pre, table->name);
		return buf;
	}
	const char *tail = table->name ? table->name + strlen(table->name) - suf : "";
	const char *us = strchr(tail, '_');
	if (us && strlen(us) + 2 <= size) {
		snprintf(buf, size, "?%s", us);
		return buf;
	}
	return NULL;
}

/* The flags; unknown is what strace calls bits with no name, or with infer NULL
 * and taken from the table, only when no bit has a name (the common case never
 * needs it). */
static void print_flags(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
			const char *zero_text, const char *unknown, bool infer)
{
	struct sg_str names = { 0 };
	char number[24], buf[64];

	bool named = add_flag_names(&names, table, v, zero_text);
	snprintf(number, sizeof(number), v ? "%#llx" : "0", v);
	if (!named && infer)
		unknown = unknown_of(table, buf, sizeof(buf));
	if (!named && unknown && xlat_style != SG_XLAT_RAW)
		sg_str_addf(out, "%s /* %s */", number, unknown); /* no bit has a name */
	else
		sg_print_named(out, number, names.s);
	sg_str_free(&names);
}

void sg_print_flags_as(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		       const char *zero_text, const char *unknown)
{
	print_flags(out, table, v, zero_text, unknown, false);
}

void sg_print_flags(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		    const char *zero_text)
{
	print_flags(out, table, v, zero_text, NULL, true);
}

void sg_print_xlat(struct sg_str *out, const struct sg_flag *table, long long v)
{
	char number[24];

	/* Undecoded, strace shows these in hex (a negative value in decimal). */
	snprintf(number, sizeof(number), v < 0 ? "%lld" : v ? "%#llx" : "0", v);
	for (const struct sg_flag *f = table; f->name; f++) {
		if ((long long)f->val == v) {
			sg_print_named(out, number, f->name);
			return;
		}
	}
	sg_str_add_int(out, v);
}

void sg_print_xval(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		      const char *unknown)
{
	char number[24];

	snprintf(number, sizeof(number), v ? "%#llx" : "0", v);
	for (const struct sg_flag *f = table; f->name; f++)
		if (f->val == v) {
			sg_print_named(out, number, f->name);
			return;
		}
	if (sg_xlat_style_now() == SG_XLAT_RAW)
		sg_str_add(out, number);
	else
		sg_str_addf(out, "%s /* %s */", number, unknown);
}

void sg_print_ptr(struct sg_str *out, uint64_t addr)
{
	if (addr)
		sg_str_add_hex(out, addr);
	else
		sg_str_add(out, "NULL");
}

ssize_t sg_mem_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };

	if (!addr)
		return -1;
	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

static unsigned long long snap_misses;

unsigned long long sg_decode_snap_misses(void)
{
	return snap_misses;
}

/* counted: a miss of the snapshot is counted (not a string's continuation). */
static ssize_t call_read(const struct sg_call *c, uint64_t addr, void *buf, size_t len,
			 bool counted)
{
	if (!c->snap)
		return sg_mem_read(c->pid, addr, buf, len);
	if (!addr)
		return -1;
	ssize_t n = sg_snap_read(c->snap, addr, buf, len);
	if (n < 0 && counted)
		snap_misses++;
	return n;
}

ssize_t sg_call_read(const struct sg_call *c, uint64_t addr, void *buf, size_t len)
{
	return call_read(c, addr, buf, len, true);
}

/* Reads page by page so a string that ends just before an unmapped page is found. */
ssize_t sg_call_read_str(const struct sg_call *c, uint64_t addr, char *buf, size_t max,
			 bool *complete)
{
	size_t got = 0;

	*complete = false;
	while (got < max) {
		size_t page_left = 4096 - ((addr + got) & 4095);
		size_t want = max - got < page_left ? max - got : page_left;
		ssize_t n = call_read(c, addr + got, buf + got, want, got == 0);
		if (n <= 0)
			return got ? (ssize_t)got : -1;
		char *nul = memchr(buf + got, '\0', (size_t)n);
		if (nul) {
			*complete = true;
			return nul - buf;
		}
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static void set_raw(const struct sg_dctx *d, const char *p, size_t n, bool truncated)
{
	struct sg_argval *v = d->v;

	if (d->o->text_only)
		return;
	/* The same bytes, read again for a text made after the value
	 * (sg_decode_text): the value stays where its reader has it. */
	if (v->raw && v->rawlen == n && v->truncated == truncated && memcmp(v->raw, p, n) == 0) {
		v->type = SG_VAL_STR;
		return;
	}
	free(v->raw);
	v->raw = sg_xcalloc(1, n + 1);
	memcpy(v->raw, p, n);
	v->rawlen = n;
	v->type = SG_VAL_STR;
	v->truncated = truncated;
}

/* A string of at most limit bytes at addr into buf (limit + 1 bytes): the
 * bytes shown, or -1 when unreadable; *cut when more were there. */
static ssize_t read_tracee_str(const struct sg_dctx *d, uint64_t addr, char *buf, size_t limit,
			       bool *cut)
{
	bool complete;
	ssize_t n = sg_call_read_str(d->c, addr, buf, limit + 1, &complete);

	if (n < 0)
		return -1;
	*cut = !complete || (size_t)n > limit;
	return (size_t)n > limit ? (ssize_t)limit : n;
}

void sg_print_tracee_str(struct sg_dctx *d, uint64_t addr)
{
	size_t limit = (size_t)d->o->strsize;
	char *buf = sg_xcalloc(1, limit + 1);
	bool cut;
	ssize_t shown = read_tracee_str(d, addr, buf, limit, &cut);

	if (shown < 0) {
		sg_print_ptr(d->out, addr);
	} else {
		sg_str_addc(d->out, '"');
		sg_str_add_escaped_hex(d->out, (unsigned char *)buf, (size_t)shown, d->o->hex);
		sg_str_addc(d->out, '"');
		if (cut)
			sg_str_add(d->out, "...");
		set_raw(d, buf, (size_t)shown, cut);
	}
	free(buf);
}

void sg_tracee_str_value(struct sg_dctx *d, uint64_t addr, size_t limit)
{
	char stackbuf[PATH_MAX + 1];
	char *buf = limit < sizeof(stackbuf) ? stackbuf : sg_xcalloc(1, limit + 1);
	bool cut;
	ssize_t shown = read_tracee_str(d, addr, buf, limit, &cut);

	if (shown >= 0)
		set_raw(d, buf, (size_t)shown, cut);
	if (buf != stackbuf)
		free(buf);
}

void sg_print_tracee_buf(struct sg_dctx *d, uint64_t addr, uint64_t len)
{
	size_t limit = (size_t)d->o->strsize;
	size_t want = len < limit ? (size_t)len : limit;
	char *buf = sg_xcalloc(1, want + 1);
	ssize_t n = want ? sg_call_read(d->c, addr, buf, want) : 0;

	if (n < 0 || (want && !addr)) {
		sg_print_ptr(d->out, addr);
	} else {
		sg_str_addc(d->out, '"');
		sg_str_add_escaped_hex(d->out, (unsigned char *)buf, (size_t)n, d->o->hex);
		sg_str_addc(d->out, '"');
		if (len > (uint64_t)n)
			sg_str_add(d->out, "...");
		set_raw(d, buf, (size_t)n, len > (uint64_t)n);
	}
	free(buf);
}

int sg_fetch(struct sg_dctx *d, uint64_t addr, void *obj, size_t size)
{
	if (!addr) {
		sg_str_add(d->out, "NULL");
		return -1;
	}
	if (sg_call_read(d->c, addr, obj, size) != (ssize_t)size) {
		sg_print_ptr(d->out, addr);
		return -1;
	}
	return 0;
}

void sg_print_signo(struct sg_str *out, int sig)
{
	char buf[16];
	const char *name = sg_signal_name(sig, buf, sizeof(buf));

	char number[16];

	snprintf(number, sizeof(number), "%d", sig);
	sg_print_named(out, number, name ? name : number);
}

/* Internal to the decoders in src/core: one printer per argument kind. */
#ifndef SG_CORE_DECODE_INT_H
#define SG_CORE_DECODE_INT_H

#include "decode.h"

/* Everything a kind printer needs: the call, which argument, where to print. */
struct sg_dctx {
	const struct sg_call *c;
	const struct sg_decode_opts *o;
	int idx;
	struct sg_str *out;
	struct sg_argval *v;
};

typedef void (*sg_kind_fn)(struct sg_dctx *d);

struct sg_flag {
	unsigned long long val;
	const char *name;
};
#define SG_FLAG(x) { (unsigned long long)(x), #x }
#define SG_FLAG_END { 0, NULL }

static inline uint64_t sg_arg(const struct sg_dctx *d, int i)
{
	return d->c->args[i];
}

/* A named constant in the -X style of the call being decoded: names (abbrev),
 * number (raw, the number as strace prints it undecoded), or both (verbose). */
void sg_print_named(struct sg_str *out, const char *number, const char *names);
/* The -X style in force for the argument being printed. */
enum sg_xlat_style sg_xlat_style_now(void);
/* -v, -e abbrev=: this call is shown in full (no "..." in structures). */
bool sg_unabbreviated(const struct sg_dctx *d);
/* A|B|0x40 for the bits in table; zero prints as zero_text (or "0"). With no bit
 * named: "0x40 (unknown in a comment)", unknown what strace calls such bits ("W???"). */
void sg_print_flags_as(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		       const char *zero_text, const char *unknown);
/* sg_print_flags_as with unknown from the names' common prefix or suffix
 * ("PROT_???", "?_OK"). */
void sg_print_flags(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		    const char *zero_text);
/* The name of v in table, or v in decimal (when none matches). */
void sg_print_xlat(struct sg_str *out, const struct sg_flag *table, long long v);
/* The name of v in table, or v in hex followed by unknown in a comment (strace's
 * way of saying what kind of name is missing), in the -X style of the call. */
void sg_print_xval(struct sg_str *out, const struct sg_flag *table, unsigned long long v,
		   const char *unknown);
/* A device number: makedev(0x8, 0x1), in the -X style of the call. */
void sg_print_makedev(struct sg_str *out, unsigned long long dev);
/* After a time in seconds, the moment it is in a comment (ISO 8601, local zone),
 * as strace shows one; nothing under -X raw. */
void sg_print_time_comment(struct sg_str *out, long long sec, long nsec);
/* A pointer: NULL or 0x... */
void sg_print_ptr(struct sg_str *out, uint64_t addr);
/* A quoted, escaped, -s limited string read from the tracee at addr. */
void sg_print_tracee_str(struct sg_dctx *d, uint64_t addr);
/* The bytes of a string of at most limit bytes at addr as its value (raw),
 * without its text; nothing when it cannot be read. */
void sg_tracee_str_value(struct sg_dctx *d, uint64_t addr, size_t limit);
/* A quoted buffer of len bytes from the tracee. */
void sg_print_tracee_buf(struct sg_dctx *d, uint64_t addr, uint64_t len);
/* An fd, with its path for -y. */
void sg_print_fd(struct sg_dctx *d, int fd);
/* -y: <the process's working directory> after AT_FDCWD. */
void sg_print_cwd(struct sg_dctx *d);
/* Read a whole struct; prints NULL or the address and returns -1 when unreadable. */
int sg_fetch(struct sg_dctx *d, uint64_t addr, void *obj, size_t size);
/* A signal number as SIGxxx. */
void sg_print_signo(struct sg_str *out, int sig);
/* A kernel sigset_t (8 bytes) as [HUP INT] or ~[...]. */
void sg_print_sigmask(struct sg_str *out, uint64_t mask);

/* Printers per family, registered in decode.c's table. */
void sg_kind_path(struct sg_dctx *d);
void sg_kind_open_flags(struct sg_dctx *d);
void sg_kind_open_mode(struct sg_dctx *d);
void sg_kind_mode(struct sg_dctx *d);
void sg_kind_access_mode(struct sg_dctx *d);
void sg_kind_at_flags(struct sg_dctx *d);
void sg_kind_stat(struct sg_dctx *d);
void sg_kind_statx(struct sg_dctx *d);
void sg_kind_prot(struct sg_dctx *d);
void sg_kind_mmap_flags(struct sg_dctx *d);
void sg_kind_madvice(struct sg_dctx *d);
void sg_kind_clone_flags(struct sg_dctx *d);
void sg_kind_sock_family(struct sg_dctx *d);
void sg_kind_sock_type(struct sg_dctx *d);
void sg_kind_sockaddr(struct sg_dctx *d);
void sg_kind_sockaddr_out(struct sg_dctx *d);
void sg_kind_timespec(struct sg_dctx *d);
void sg_kind_clockid(struct sg_dctx *d);
void sg_kind_iovec(struct sg_dctx *d);
void sg_kind_pollfd(struct sg_dctx *d);
void sg_kind_rlimit(struct sg_dctx *d);
void sg_kind_rlimit_resource(struct sg_dctx *d);
void sg_kind_sigaction(struct sg_dctx *d);
void sg_kind_sigset(struct sg_dctx *d);
void sg_kind_sigframe(struct sg_dctx *d);
void sg_kind_flags(struct sg_dctx *d);
void sg_kind_signal(struct sg_dctx *d);
void sg_kind_sigmask_how(struct sg_dctx *d);
void sg_kind_seek_whence(struct sg_dctx *d);
void sg_kind_fcntl_cmd(struct sg_dctx *d);
void sg_kind_fcntl_arg(struct sg_dctx *d);
void sg_kind_ioctl_cmd(struct sg_dctx *d);
void sg_kind_arch_prctl(struct sg_dctx *d);
void sg_kind_wait_status(struct sg_dctx *d);
void sg_kind_wait_options(struct sg_dctx *d);
void sg_kind_futex_op(struct sg_dctx *d);
void sg_kind_futex_timeout(struct sg_dctx *d);
void sg_kind_futex_uaddr2(struct sg_dctx *d);
void sg_kind_futex_val3(struct sg_dctx *d);
void sg_kind_statx_mask(struct sg_dctx *d);
void sg_kind_dirents(struct sg_dctx *d);
void sg_kind_gids_in(struct sg_dctx *d);
void sg_kind_gids_out(struct sg_dctx *d);
void sg_kind_sock_proto(struct sg_dctx *d);
/* A successful result that is a flag word (fcntl F_GETFL, F_GETFD), as strace:
 * "0x8000 (flags O_RDONLY|O_LARGEFILE)"; false for any other result. */
bool sg_ret_flags(const struct sg_call *c, struct sg_str *out);
void sg_kind_statx_flags(struct sg_dctx *d);
void sg_kind_fadvice(struct sg_dctx *d);
void sg_kind_clone_args(struct sg_dctx *d);
void sg_kind_clone_ptid(struct sg_dctx *d);
void sg_kind_clone_ctid(struct sg_dctx *d);
void sg_kind_clone_tls(struct sg_dctx *d);
void sg_kind_pipe_fds(struct sg_dctx *d);
void sg_kind_file_handle(struct sg_dctx *d);
void sg_kind_file_handle_out(struct sg_dctx *d);
void sg_kind_int_out(struct sg_dctx *d);
void sg_kind_getrandom_flags(struct sg_dctx *d);
void sg_kind_argv(struct sg_dctx *d);
void sg_kind_envp(struct sg_dctx *d);
void sg_kind_buf_in(struct sg_dctx *d);
void sg_kind_buf_out(struct sg_dctx *d);
void sg_kind_string(struct sg_dctx *d);
void sg_kind_socklen(struct sg_dctx *d);
void sg_kind_timer_flags(struct sg_dctx *d);
void sg_kind_pid(struct sg_dctx *d);
void sg_kind_statfs(struct sg_dctx *d);
/* A pid the traced process named, as --decode-pids shows it. */
void sg_print_pid(struct sg_dctx *d, long long pid);
void sg_kind_prctl_option(struct sg_dctx *d);
void sg_kind_prctl_arg(struct sg_dctx *d);
/* A prctl result with a name (PR_GET_DUMPABLE's "1 (SUID_DUMP_USER)"); false for
 * any other result. */
bool sg_ret_prctl(const struct sg_call *c, struct sg_str *out);
void sg_kind_ioctl_arg(struct sg_dctx *d);
/* An ioctl result with a name (NS_GET_NSTYPE's "... (CLONE_NEWNET)"); false for
 * any other result. */
bool sg_ret_ioctl(const struct sg_call *c, struct sg_str *out);
/* A successful ioctl whose result is a new fd (KVM_CREATE_VM, NS_GET_PARENT), as
 * capture_ioctl.c says (SG_IOCTL_MEM_RET_FD): format_ret shows it as open's. */
bool sg_ioctl_ret_is_fd(const struct sg_call *c);
/* -e kvm=vcpu: a successful KVM_RUN's result and its vcpu's exit reason,
 * "0 (KVM_EXIT_HLT)"; false (nothing printed) when the vcpu's struct kvm_run
 * cannot be found or read, as strace then shows the plain number. */
bool sg_ret_kvm_run(const struct sg_call *c, struct sg_str *out);
/* At entry: keep what ioctl's argument i held before the call (the families'
 * "IN => OUT"). */
void sg_ioctl_remember(struct sg_call *c, int i);
void sg_kind_sockopt_level(struct sg_dctx *d);
void sg_kind_sockopt_name(struct sg_dctx *d);
void sg_kind_sockopt_val_in(struct sg_dctx *d);
void sg_kind_sockopt_val_out(struct sg_dctx *d);
void sg_kind_sockopt_len_out(struct sg_dctx *d);
void sg_kind_msghdr_in(struct sg_dctx *d);
void sg_kind_msghdr_out(struct sg_dctx *d);
void sg_kind_mmsghdr_in(struct sg_dctx *d);
void sg_kind_mmsghdr_out(struct sg_dctx *d);
void sg_kind_sysinfo(struct sg_dctx *d);
void sg_kind_msg_flags(struct sg_dctx *d);
void sg_kind_sockbuf_in(struct sg_dctx *d);
void sg_kind_sockbuf_out(struct sg_dctx *d);
/* A socket address of len bytes at addr, as connect's. */
void sg_print_sockaddr(struct sg_dctx *d, uint64_t addr, int64_t len);
/* Whether fd is a netlink socket; *proto its protocol, -1 while not bound. */
bool sg_fd_netlink(const struct sg_dctx *d, int fd, int *proto);
/* The netlink messages of len bytes at addr sent or received on fd. */
void sg_print_netlink(struct sg_dctx *d, int fd, uint64_t addr, uint64_t len);
void sg_print_netlink_proto(struct sg_dctx *d, int proto, uint64_t addr, uint64_t len);

#endif

/* The host side of the enclave runtime: start the enclave process, make calls
 * through the shared channel, answer its OCALLs, and survive whatever it does. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"
#include "core/syscalls.h"
#include "enclave.h"
#include "launch/launch.h"

struct sg_enclave {
	struct sg_channel *ch;
	pid_t pid;
	bool dead;
	struct sg_enclave_opts o;
	char error[320];
};

static int fail(struct sg_enclave *e, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->error, sizeof(e->error), fmt, ap);
	va_end(ap);
	return rc;
}

/* Live enclaves: a call through a destroyed (freed) handle is recognised by
 * address before anything is read through it. */
#define MAX_LIVE 256
static struct sg_enclave *live[MAX_LIVE];
static char destroyed_error[] = "enclave was destroyed (or never created)";

static bool is_live(const struct sg_enclave *e)
{
	for (size_t i = 0; i < MAX_LIVE; i++)
		if (e && live[i] == e)
			return true;
	return false;
}

static void set_live(struct sg_enclave *e, bool on)
{
	for (size_t i = 0; i < MAX_LIVE; i++)
		if (live[i] == (on ? NULL : e)) {
			live[i] = on ? e : NULL;
			return;
		}
}

const char *sg_enclave_error(const struct sg_enclave *e)
{
	return is_live(e) ? e->error : destroyed_error;
}

int sg_enclave_pid(const struct sg_enclave *e)
{
	return e->pid;
}

const uint8_t *sg_enclave_measurement(const struct sg_enclave *e)
{
	return e->ch->measurement;
}

const char *sg_enclave_dir(void)
{
	static char dir[PATH_MAX];
	char probe[PATH_MAX + 64];
	/* beside this program (the build's release folder), or in an installed
	 * tree's lib/sysgate (core's sg_beside_self: the key vault links no core) */
	const char *subdirs[] = { "", "/../lib/sysgate" };
	ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	char *slash;

	if (n > 0) {
		dir[n] = '\0';
		if ((slash = strrchr(dir, '/'))) {
			*slash = '\0';
			for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
				snprintf(probe, sizeof(probe), "%s%s/sg-enclave-loader", dir, subdirs[i]);
				size_t len = (size_t)(strrchr(probe, '/') - probe);
				if (access(probe, X_OK) == 0 && len < sizeof(dir)) {
					memcpy(dir, probe, len);
					dir[len] = '\0';
					return dir;
				}
			}
		}
	}
	snprintf(dir, sizeof(dir), "%s", SG_ENCLAVE_LOADER_BUILT);
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	return dir;
}

/* The loader: $SG_ENCLAVE_LOADER, else the one in sg_enclave_dir(). */
static const char *loader_path(char *buf, size_t size)
{
	const char *env = getenv("SG_ENCLAVE_LOADER");

	if (env && *env)
		return env;
	snprintf(buf, size, "%s/sg-enclave-loader", sg_enclave_dir());
	return buf;
}

static void wake(uint32_t *w)
{
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
}

/* Why the enclave process is gone, from its exit status and the channel. */
static int died(struct sg_enclave *e, int status)
{
	int nr = e->ch->fault_nr;

	e->dead = true;
	if (nr >= 0) {
		const struct sg_syscall *s = sg_syscall(nr);
		if (s)
			return fail(e, -EPERM, "enclave attempted syscall %s", s->name);
		return fail(e, -EPERM, "enclave attempted syscall %d", nr);
	}
	if (e->ch->error[0])
		return fail(e, -ENOEXEC, "%s", e->ch->error);
	if (WIFSIGNALED(status))
		return fail(e, -EFAULT, "enclave crashed: %s", strsignal(WTERMSIG(status)));
	return fail(e, -EPIPE, "enclave exited (status %d)", WEXITSTATUS(status));
}

static int reap(struct sg_enclave *e, bool block)
{
	int status;
	pid_t r = waitpid(e->pid, &status, block ? 0 : WNOHANG);

	return r == e->pid ? died(e, status) : 0;
}

static void kill_enclave(struct sg_enclave *e)
{
	if (!e->dead) {
		kill(e->pid, SIGKILL);
		reap(e, true);
	}
}

/* Wait until the state is no longer `from`; 0, or an error once the enclave died
 * or the call took longer than the timeout (the enclave is then killed). */
static int wait_change(struct sg_enclave *e, uint32_t from, unsigned long long deadline)
{
	unsigned spins = 0;

	while (__atomic_load_n(&e->ch->state, __ATOMIC_ACQUIRE) == from) {
		if (e->ch->switchless && ++spins % 4096) {
			__builtin_ia32_pause();
			continue;
		}
		if (!e->ch->switchless) {
			struct timespec slice = { 0, 50 * 1000 * 1000 };
			syscall(SYS_futex, &e->ch->state, FUTEX_WAIT, from, &slice, NULL, 0);
		}
		int rc = reap(e, false);
		if (rc)
			return rc;
		if (now_ms() > deadline) {
			kill_enclave(e);
			return fail(e, -ETIMEDOUT, "enclave call timed out after %u ms; enclave killed",
				    e->o.timeout_ms);
		}
	}
	return 0;
}

static void set_state(struct sg_enclave *e, uint32_t s)
{
	__atomic_store_n(&e->ch->state, s, __ATOMIC_RELEASE);
	if (!e->ch->switchless)
		wake(&e->ch->state);
}

/* An OCALL: run the host's function on the request in the buffer, in place. */
static void serve_ocall(struct sg_enclave *e, uint8_t *scratch)
{
	struct sg_channel *ch = e->ch;
	size_t len = 0;
	uint32_t in = ch->len <= SG_ENCLAVE_MSG_MAX ? ch->len : 0;
	int rc = -ENOSYS;

	memcpy(scratch, ch->buf, in);
	if (e->o.ocall)
		rc = e->o.ocall(ch->fn, scratch, in, ch->buf, SG_ENCLAVE_MSG_MAX, &len, e->o.ocall_ctx);
	ch->status = rc;
	ch->len = rc == 0 && len <= SG_ENCLAVE_MSG_MAX ? (uint32_t)len : 0;
	set_state(e, SG_CH_OCALL_DONE);
}

int sg_enclave_ecall(struct sg_enclave *e, unsigned fn, const void *req, size_t req_len,
		     void *resp, size_t cap, size_t *len)
{
	struct sg_channel *ch;
	unsigned long long deadline;
	static __thread uint8_t scratch[SG_ENCLAVE_MSG_MAX];
	int rc;

	if (!is_live(e))
		return -EBADF;
	if (e->dead)
		return -EPIPE; /* error already set */
	ch = e->ch;
	deadline = now_ms() + e->o.timeout_ms;
	if (req_len > SG_ENCLAVE_MSG_MAX)
		return fail(e, -EMSGSIZE, "request of %zu bytes exceeds %d", req_len,
			    SG_ENCLAVE_MSG_MAX);
	memcpy(ch->buf, req, req_len);
	ch->len = (uint32_t)req_len;
	ch->fn = fn;
	set_state(e, SG_CH_ECALL);
	for (;;) {
		if ((rc = wait_change(e, SG_CH_ECALL, deadline)))
			return rc;
		uint32_t s = __atomic_load_n(&ch->state, __ATOMIC_ACQUIRE);
		if (s == SG_CH_OCALL) {
			serve_ocall(e, scratch);
			if ((rc = wait_change(e, SG_CH_OCALL_DONE, deadline)))
				return rc;
			continue; /* back in the ECALL */
		}
		if (s == SG_CH_DEAD) { /* it recorded why before exiting */
			rc = reap(e, true);
			return rc ? rc : fail(e, -EPIPE, "enclave stopped");
		}
		if (s != SG_CH_ECALL_DONE) {
			kill_enclave(e);
			return fail(e, -EPROTO, "enclave broke the call protocol (state %u)", s);
		}
		break;
	}
	rc = ch->status;
	if (rc == 0 && ch->len > cap)
		rc = fail(e, -EMSGSIZE, "response of %u bytes exceeds the %zu expected", ch->len, cap);
	else if (rc == 0) {
		memcpy(resp, ch->buf, ch->len);
		*len = ch->len;
	} else {
		fail(e, rc, "enclave function %u failed: %s", fn, strerror(-rc));
	}
	__atomic_store_n(&ch->state, SG_CH_IDLE, __ATOMIC_RELEASE);
	return rc;
}

static struct sg_channel *map_channel(int *fd)
{
	*fd = memfd_create("sg-enclave-channel", 0);
	if (*fd < 0 || ftruncate(*fd, sizeof(struct sg_channel)) < 0)
		return NULL;
	void *p = mmap(NULL, sizeof(struct sg_channel), PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* In the child: the channel as fd 3, nothing else but stdio, then the loader. */
static _Noreturn void exec_loader(int chfd, const char *loader, const char *path,
				  pid_t parent)
{
	if (chfd != 3 && (dup2(chfd, 3) < 0 || close(chfd) < 0))
		_exit(127);
	for (int fd = 4; fd < 1024; fd++)
		close(fd);
	launch_die_with_parent(parent);
	execl(loader, "sg-enclave-loader", path, (char *)NULL);
	_exit(127);
}

int sg_enclave_create(const char *path, const struct sg_enclave_opts *o,
		      struct sg_enclave **out)
{
	static const struct sg_enclave_opts defaults = { 0 };
	struct sg_enclave *e = calloc(1, sizeof(*e));
	char lbuf[PATH_MAX];
	int chfd, rc;

	*out = e;
	if (!e)
		return -ENOMEM;
	set_live(e, true);
	e->o = o ? *o : defaults;
	if (!e->o.timeout_ms)
		e->o.timeout_ms = 10000;
	e->pid = -1;
	if (access(path, R_OK) < 0)
		return fail(e, -errno, "enclave '%s': %s", path, strerror(errno));
	if (!(e->ch = map_channel(&chfd)))
		return fail(e, -errno, "cannot create the call channel: %s", strerror(errno));
	e->ch->state = SG_CH_BOOT;
	e->ch->fault_nr = -1;
	e->ch->switchless = e->o.flags & SG_ENCLAVE_SWITCHLESS ? 1 : 0;
	if (e->o.root_key)
		memcpy(e->ch->root_key, e->o.root_key, 32);
	const char *loader = loader_path(lbuf, sizeof(lbuf));
	fflush(NULL);
	pid_t parent = getpid();
	e->pid = fork();
	if (e->pid == 0)
		exec_loader(chfd, loader, path, parent);
	close(chfd);
	if (e->pid < 0)
		return fail(e, -errno, "cannot fork the enclave: %s", strerror(errno));
	rc = wait_change(e, SG_CH_BOOT, now_ms() + e->o.timeout_ms);
	if (!rc && __atomic_load_n(&e->ch->state, __ATOMIC_ACQUIRE) != SG_CH_IDLE) {
		rc = reap(e, true);
		if (!rc)
			rc = fail(e, -EPROTO, "enclave loader did not start");
	}
	return rc;
}

void sg_enclave_destroy(struct sg_enclave *e)
{
	if (!is_live(e))
		return; /* twice, or never created */
	set_live(e, false);
	if (e->pid > 0)
		kill_enclave(e);
	if (e->ch)
		munmap(e->ch, sizeof(*e->ch));
	free(e);
}

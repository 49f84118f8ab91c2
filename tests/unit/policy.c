/* Policy tests: both parsers on good and bad input (each error with its position),
 * includes and cycles, offline decisions from table rows, and live decisions in a
 * forked child that loads the filter and calls only harmless syscalls. */
#include <errno.h>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/policy.h"
#include "core/syscalls.h"
#include "tap.h"

#define DOCKER_PROFILE "/usr/share/containers/seccomp.json"

static char tmpdir[] = "/tmp/sg-policy-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static int text_policy(struct policy *p, const char *text, char *err, size_t errsz)
{
	policy_init(p);
	err[0] = '\0';
	return policy_parse_text(p, text, "t.policy", err, errsz);
}

static void text_good(void)
{
	struct policy p;
	char err[256];
	int rc = text_policy(&p, "# comment\ndefault errno ENOSYS\nallow read write  # tail\n"
				 "kill-thread ptrace\nallow socket if arg0 == AF_INET || arg0 == 1 && arg2 != 0\n"
				 "log mount\nnotify connect\ntrap getppid\nerrno 13 ioctl if arg1 & 0xff00 == 0x5400\n"
				 "quiet errno ENOSYS clone3\n",
			     err, sizeof(err));

	tap_ok(rc == 0, "text: good policy parses (%s)", err);
	tap_ok(p.def.act == POLICY_ERRNO && p.def.err == ENOSYS, "text: default errno ENOSYS");
	tap_is(p.def_origin, "t.policy:2", "text: default remembers its line");
	tap_ok(p.nrules == 10, "text: 10 rules (|| splits socket in two), got %zu", p.nrules);
	tap_ok(p.rules[0].nr == SYS_read && p.rules[1].nr == SYS_write, "text: names in order");
	tap_is(p.rules[1].origin, "t.policy:3", "text: rule origin is file:line");
	tap_ok(p.rules[2].action.act == POLICY_KILL_THREAD, "text: kill-thread");
	tap_ok(p.rules[3].ncond == 1 && p.rules[3].cond[0].value == AF_INET, "text: AF_INET alternative");
	tap_ok(p.rules[4].ncond == 2 && p.rules[4].cond[1].arg == 2 && p.rules[4].cond[1].op == POLICY_NE,
	       "text: && joins tests inside one alternative");
	tap_ok(p.rules[5].action.act == POLICY_LOG && p.rules[6].action.act == POLICY_NOTIFY &&
		       p.rules[7].action.act == POLICY_TRAP, "text: log, notify, trap");
	tap_ok(p.rules[8].action.err == 13 && p.rules[8].cond[0].op == POLICY_MASKED_EQ &&
		       p.rules[8].cond[0].mask == 0xff00 && p.rules[8].cond[0].value == 0x5400,
	       "text: numeric errno and masked test");
	tap_ok(p.rules[9].action.quiet && p.rules[9].action.err == ENOSYS && !p.rules[8].action.quiet,
	       "text: quiet errno");
	policy_free(&p);
}

static const struct {
	const char *text, *want;
} text_errors[] = {
	{ "allow raed\n", "t.policy:1:7: unknown syscall 'raed' (did you mean 'read'?)" },
	{ "\n  frobnicate read\n", "t.policy:2:3: unknown action 'frobnicate'" },
	{ "quiet allow read\n", "t.policy:1:1: 'quiet' goes before 'errno E' only (other actions are not reported or must be)" },
	{ "allow socket if arg7 == 1", "t.policy:1:17: bad condition: expected arg0..arg5, got 'arg7'" },
	{ "allow socket if arg0 =~ 1", "t.policy:1:22: bad condition: expected an operator after 'arg0'" },
	{ "allow socket if arg0 == AF_BOGUS", "t.policy:1:25: bad value 'AF_BOGUS' (a number or a known constant)" },
	{ "allow socket if arg0 == 1 ||", "t.policy:1:27: bad condition: missing test after '||'" },
	{ "allow socket if arg0 == 1 arg1", "t.policy:1:27: bad condition: expected '&&' or '||', got 'arg1'" },
	{ "errno EBOGUS read", "t.policy:1:7: unknown errno 'EBOGUS'" },
	{ "default allow read", "t.policy:1:15: unexpected 'read' after the default action" },
	{ "allow", "t.policy:1:7: no syscall names after the action" },
	{ "include nowhere.policy", "t.policy:1:9: cannot include 'nowhere.policy': No such file or directory" },
};

static void text_bad(void)
{
	for (size_t i = 0; i < sizeof(text_errors) / sizeof(text_errors[0]); i++) {
		struct policy p;
		char err[256];
		int rc = text_policy(&p, text_errors[i].text, err, sizeof(err));

		tap_ok(rc == -EINVAL, "text error %zu returns -EINVAL", i);
		tap_is(err, text_errors[i].want, text_errors[i].want);
		policy_free(&p);
	}
}

static void includes(void)
{
	struct policy p;
	char err[512], path[256], want[512];

	mkdir(strcat(strcpy(path, tmpdir), "/sub"), 0700);
	write_file("main.policy", "default errno EPERM\ninclude sub/base.policy\nerrno EACCES open\n");
	write_file("sub/base.policy", "allow read write\ninclude more.policy\n");
	write_file("sub/more.policy", "allow close\n");
	write_file("a.policy", "allow read\ninclude b.policy\n");
	write_file("b.policy", "\ninclude a.policy\n");

	policy_init(&p);
	snprintf(path, sizeof(path), "%s/main.policy", tmpdir);
	tap_ok(policy_load_text(&p, path, err, sizeof(err)) == 0, "include: nested relative includes load");
	tap_ok(p.nrules == 4 && p.rules[2].nr == SYS_close && p.rules[3].nr == SYS_open,
	       "include: rules come in statement order");
	snprintf(want, sizeof(want), "%s/sub/more.policy:1", tmpdir);
	tap_is(p.rules[2].origin, want, "include: origin names the included file");
	policy_free(&p);

	policy_init(&p);
	snprintf(path, sizeof(path), "%s/a.policy", tmpdir);
	tap_ok(policy_load_text(&p, path, err, sizeof(err)) == -EINVAL, "include: cycle is an error");
	snprintf(want, sizeof(want), "%s/b.policy:2:9: include cycle: '%s/a.policy' is already being read",
		 tmpdir, tmpdir);
	tap_is(err, want, "include: cycle message names file, line and column");
	policy_free(&p);
}

static const char oci_good[] =
	"{\n"
	" \"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,\n"
	" \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\"],\n"
	" \"syscalls\": [\n"
	"  {\"names\": [\"read\", \"write\", \"no_such_call\", \"arm_fadvise64_64\"], \"action\": \"SCMP_ACT_ALLOW\"},\n"
	"  {\"name\": \"getppid\", \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1},\n"
	"  {\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	"   \"args\": [{\"index\": 0, \"value\": 255, \"valueTwo\": 8, \"op\": \"SCMP_CMP_MASKED_EQ\"}]},\n"
	"  {\"names\": [\"bpf\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}},\n"
	"  {\"names\": [\"bpf\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1, \"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}},\n"
	"  {\"names\": [\"arch_prctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"arches\": [\"amd64\"]}},\n"
	"  {\"names\": [\"breakpoint\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"arches\": [\"arm\"]}},\n"
	"  {\"names\": [\"io_uring_setup\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"99.0\"}},\n"
	"  {\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_TRACE\"},\n"
	"  {\"names\": [\"clone\"], \"action\": \"SCMP_ACT_KILL\", \"args\": [\n"
	"    {\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]}\n"
	" ]\n"
	"}\n";

static void oci_parse_good(void)
{
	struct policy_oci_env env = { .caps = 0, .kernel_major = 6, .kernel_minor = 1 };
	uint64_t args[6] = { 0 };
	struct policy p;
	char err[256] = "";
	int rc;

	policy_init(&p);
	rc = policy_parse_oci(&p, oci_good, strlen(oci_good), "prof.json", &env, err, sizeof(err));
	tap_ok(rc == 0, "oci: good profile parses (%s)", err);
	tap_ok(p.def.act == POLICY_ERRNO && p.def.err == 38, "oci: defaultErrnoRet 38");
	tap_ok(p.narches == 2 && strcmp(p.arches[1], "SCMP_ARCH_X86") == 0, "oci: architectures recorded");
	tap_ok(p.skipped_names == 2, "oci: unknown and other-arch names skipped and counted (%u)",
	       p.skipped_names);
	tap_ok(p.skipped_entries == 3, "oci: includes/excludes leave out 3 entries (%u)", p.skipped_entries);
	tap_is(p.rules[2].origin, "prof.json: syscalls[1]", "oci: origin names the JSON entry");
	tap_ok(policy_decide(&p, SYS_read, args).act == POLICY_ALLOW, "oci: read allowed");
	tap_ok(policy_decide(&p, SYS_getppid, args).err == 1, "oci: getppid errno 1 from errnoRet");
	tap_ok(policy_decide(&p, SYS_bpf, args).err == 1, "oci: bpf denied without CAP_SYS_ADMIN");
	tap_ok(policy_decide(&p, SYS_arch_prctl, args).act == POLICY_ALLOW, "oci: amd64 arch include applies");
	tap_ok(policy_decide(&p, SYS_io_uring_setup, args).err == 38, "oci: minKernel 99 not met");
	tap_ok(policy_decide(&p, SYS_ptrace, args).err == ENOSYS, "oci: SCMP_ACT_TRACE becomes errno ENOSYS");
	args[0] = 0x108;
	tap_ok(policy_decide(&p, SYS_personality, args).act == POLICY_ALLOW,
	       "oci: MASKED_EQ takes the mask from value, the datum from valueTwo");
	args[0] = 2;
	tap_ok(policy_decide(&p, SYS_clone, args).act == POLICY_KILL_THREAD,
	       "oci: repeated index splits into ORed rules; SCMP_ACT_KILL is kill-thread");
	policy_free(&p);

	env.caps = 1ull << 21;
	policy_init(&p);
	policy_parse_oci(&p, oci_good, strlen(oci_good), "prof.json", &env, err, sizeof(err));
	tap_ok(policy_decide(&p, SYS_bpf, args).act == POLICY_ALLOW, "oci: bpf allowed with CAP_SYS_ADMIN");
	policy_free(&p);
}

static const struct {
	const char *json, *want;
} oci_errors[] = {
	{ "", "x.json: empty profile" },
	{ " \n\t", "x.json: empty profile" },
	{ "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  oops\n}", "x.json:3:3: quoted object property name expected" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\"", "x.json:1:35: unexpected end of JSON" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\"} x", "x.json:1:37: trailing data after JSON" },
	{ "{\"defaultAction\": \"SCMP_ACT_NOPE\"}", "x.json: defaultAction: unknown action 'SCMP_ACT_NOPE'" },
	{ "{\"syscalls\": []}", "x.json: defaultAction: missing" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_LOG\"},"
	  " {\"names\": [\"read\"], \"action\": \"SCMP_ACT_FOO\"}]}",
	  "x.json: syscalls[1].action: unknown action 'SCMP_ACT_FOO'" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_LOG\","
	  " \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
	  "x.json: syscalls[0].args[0].index: argument index must be 0..5" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_LOG\","
	  " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}, {\"index\": 1, \"op\": \"SCMP_CMP_LIKE\"}]}]}",
	  "x.json: syscalls[0].args[1].op: unknown operator 'SCMP_CMP_LIKE'" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\", \"NOPE\"]}",
	  "x.json: flags[1]: unknown flag 'NOPE' (SECCOMP_FILTER_FLAG_TSYNC, _LOG, _SPEC_ALLOW or _WAIT_KILLABLE_RECV)" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": \"SECCOMP_FILTER_FLAG_LOG\"}",
	  "x.json: flags: must be an array" },
	{ "{\"ociVersion\": \"1.0.2\", \"linux\": {\"namespaces\": []}}",
	  "x.json: a runtime config.json with no linux.seccomp object; add one (sysgate learn --format oci writes it)" },
};

/* The runtime-spec object inside a whole config.json, with its flags. */
static void oci_runtime_config(void)
{
	static const char config[] =
		"{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": [\"sh\"]},\n"
		" \"linux\": {\"seccomp\": {\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 1,\n"
		"  \"architectures\": [\"SCMP_ARCH_X86_64\"],\n"
		"  \"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\", \"SECCOMP_FILTER_FLAG_LOG\"],\n"
		"  \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}}}";
	uint64_t args[6] = { 0 };
	struct policy p;
	char err[256] = "";
	int rc;

	policy_init(&p);
	rc = policy_parse_oci(&p, config, strlen(config), "config.json", NULL, err, sizeof(err));
	tap_ok(rc == 0, "config.json: linux.seccomp parses (%s)", err);
	tap_ok(policy_decide(&p, SYS_read, args).act == POLICY_ALLOW &&
		       policy_decide(&p, SYS_getppid, args).err == 1,
	       "config.json: its rules and default are the policy's");
	tap_ok(p.filter_flags == SECCOMP_FILTER_FLAG_LOG, "config.json: LOG kept, TSYNC needs nothing (%#x)",
	       p.filter_flags);
	tap_is(p.rules[0].origin, "config.json: syscalls[0]", "config.json: origin names the entry");
	policy_free(&p);
}

static void oci_bad(void)
{
	for (size_t i = 0; i < sizeof(oci_errors) / sizeof(oci_errors[0]); i++) {
		struct policy p;
		char err[256] = "";
		int rc;

		policy_init(&p);
		rc = policy_parse_oci(&p, oci_errors[i].json, strlen(oci_errors[i].json), "x.json", NULL,
				      err, sizeof(err));
		tap_ok(rc == -EINVAL, "oci error %zu returns -EINVAL", i);
		tap_is(err, oci_errors[i].want, oci_errors[i].want);
		policy_free(&p);
	}
}

static const char live_policy[] =
	"default allow\n"
	"errno EPERM getppid\n"
	"errno EACCES socket if arg0 == AF_INET || arg0 == AF_INET6\n"
	"allow socket if arg0 == AF_UNIX\n"
	"errno EAFNOSUPPORT socket if arg0 == AF_PACKET\n"
	"errno ESRCH reboot\n"
	"errno E2BIG getpriority if arg0 & 0xf0 == 0x10\n"
	"allow getppid\n" /* shadowed by the first getppid rule */
	/* first match over masked tests: the catch-all negates each, bit by bit */
	"errno EDOM getpgid if arg0 & 0xffffffff == 0x5412\n"
	"errno EXDEV getpgid if arg0 & 0xffffffff == 0x541c\n"
	"allow getpgid if arg0 & 0xf00000000 == 0\n"
	"errno ENOTBLK getpgid\n";

/* A call the child makes, and what the filter must make of it (0: the call runs). */
static const struct row {
	int nr;
	uint64_t args[6];
	int want_errno;
} rows[] = {
	{ SYS_getppid, { 0 }, EPERM },
	{ SYS_getpid, { 0 }, 0 },
	{ SYS_socket, { AF_INET, SOCK_DGRAM, 0 }, EACCES },
	{ SYS_socket, { AF_INET6, SOCK_DGRAM, 0 }, EACCES },
	{ SYS_socket, { AF_UNIX, SOCK_DGRAM, 0 }, 0 },
	{ SYS_socket, { AF_PACKET, SOCK_DGRAM, 0 }, EAFNOSUPPORT },
	{ SYS_socket, { AF_NETLINK, SOCK_DGRAM, 0 }, 0 },
	/* Wrong magic: even unfiltered, the kernel would refuse it. */
	{ SYS_reboot, { 0, 0, LINUX_REBOOT_CMD_CAD_OFF, 0 }, ESRCH },
	{ SYS_getpriority, { 0x13, 0 }, E2BIG },
	{ SYS_getpriority, { PRIO_PROCESS, 0 }, 0 },
	{ SYS_getpgid, { 0x5412 }, EDOM },
	{ SYS_getpgid, { 0xdeadbeef00005412 }, EDOM },
	{ SYS_getpgid, { 0x541c }, EXDEV },
	{ SYS_getpgid, { 0 }, 0 },
	{ SYS_getpgid, { 0x100000000 }, ENOTBLK },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* Load the filter in a child and run every row there; errnos come back through a pipe. */
static int run_child(const struct policy *p, int results[NROWS])
{
	int fds[2], status;
	pid_t pid;

	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		scmp_filter_ctx ctx;
		close(fds[0]);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || policy_compile(p, &ctx) || seccomp_load(ctx))
			_exit(3);
		for (size_t i = 0; i < NROWS; i++) {
			const uint64_t *a = rows[i].args;
			long r = syscall(rows[i].nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			int e = r < 0 ? errno : 0;
			if (rows[i].nr == SYS_socket && r >= 0)
				close((int)r);
			if (write(fds[1], &e, sizeof(e)) != sizeof(e))
				_exit(4);
		}
		_exit(0);
	}
	close(fds[1]);
	for (size_t i = 0; i < NROWS; i++)
		if (read(fds[0], &results[i], sizeof(int)) != sizeof(int))
			results[i] = -1;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void decisions(void)
{
	int results[NROWS];
	struct policy p;
	char err[256];
	int rc = text_policy(&p, live_policy, err, sizeof(err));

	tap_ok(rc == 0, "live: policy parses (%s)", err);
	for (size_t i = 0; i < NROWS; i++) {
		struct policy_action a = policy_decide(&p, rows[i].nr, rows[i].args);
		int got = a.act == POLICY_ERRNO ? a.err : 0;
		tap_ok(got == rows[i].want_errno, "offline: row %zu %s -> %d", i,
		       sg_syscall_table[rows[i].nr].name, rows[i].want_errno);
	}
	rc = run_child(&p, results);
	tap_ok(rc == 0, "live: child loaded the filter and ran every row (status %d)", rc);
	for (size_t i = 0; i < NROWS; i++)
		tap_ok(results[i] == rows[i].want_errno, "live: row %zu %s -> errno %d (got %d)", i,
		       sg_syscall_table[rows[i].nr].name, rows[i].want_errno, results[i]);
	policy_free(&p);
}

/* First-match order that libseccomp (one test per argument) can and cannot express. */
static void first_match_limits(void)
{
	struct policy p;
	char err[256];

	text_policy(&p, "default allow\nerrno EPERM socket if arg0 == 2\nerrno EACCES socket if arg1 == 3\n",
		    err, sizeof(err));
	tap_ok(policy_bpf_count(&p) > 0, "compile: later rule ANDs NOT earlier ones on other args");
	policy_free(&p);
	text_policy(&p, "default allow\nerrno EPERM socket if arg0 == 2\nallow socket if arg0 == 1\n"
			"errno EACCES socket\n", err, sizeof(err));
	tap_ok(policy_bpf_count(&p) == -EOPNOTSUPP,
	       "compile: catch-all after two tests on one argument is -EOPNOTSUPP");
	policy_free(&p);
}

/* A kill or trap rule on getppid: the child must die of SIGSYS. */
static int dies_of_sigsys(const char *text)
{
	struct rlimit no_core = { 0, 0 };
	struct policy p;
	char err[256];
	int status = 0;
	pid_t pid;

	if (text_policy(&p, text, err, sizeof(err)))
		return 0;
	pid = fork();
	if (pid == 0) {
		scmp_filter_ctx ctx;
		setrlimit(RLIMIT_CORE, &no_core);
		if (policy_compile(&p, &ctx) || seccomp_load(ctx))
			_exit(3);
		syscall(SYS_getppid);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	policy_free(&p);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS;
}

static void fatal_actions(void)
{
	tap_ok(dies_of_sigsys("default allow\nkill getppid\n"), "live: kill-process ends the child with SIGSYS");
	tap_ok(dies_of_sigsys("default allow\ntrap getppid\n"), "live: trap delivers SIGSYS");
}

static void explain(void)
{
	struct policy p;
	char err[256], *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	text_policy(&p, live_policy, err, sizeof(err));
	tap_ok(policy_explain(f, &p) == 0, "explain: succeeds");
	fclose(f);
	tap_ok(strstr(out, "getppid: errno EPERM  (t.policy:2)\n") != NULL, "explain: getppid and its origin");
	tap_ok(strstr(out, "socket: errno EACCES if arg0 == 0x2  (t.policy:3)\n") != NULL,
	       "explain: socket condition");
	tap_ok(strstr(out, "getpriority: errno E2BIG if arg0 & 0xf0 == 0x10  (t.policy:7)\n"
			   "    otherwise allow  (default)\n") != NULL, "explain: masked test then default");
	tap_ok(strstr(out, "within the kernel's limit of 4096") != NULL, "explain: BPF size within limit");
	if (tap_failed)
		printf("# %s", out);
	free(out);
	policy_free(&p);
}

static void docker_profile(void)
{
	struct policy_oci_env env = { 0 };
	uint64_t args[6] = { 0 };
	unsigned allowed = 0;
	struct policy p;
	char err[512] = "";
	int bpf;

	if (access(DOCKER_PROFILE, R_OK) != 0) {
		tap_skip(DOCKER_PROFILE " absent (apt-get install golang-github-containers-common)");
		return;
	}
	policy_init(&p);
	tap_ok(policy_load_oci(&p, DOCKER_PROFILE, &env, err, sizeof(err)) == 0, "docker: parses (%s)", err);
	tap_ok(p.def.act == POLICY_ERRNO, "docker: default action is errno");
	tap_ok(policy_decide(&p, SYS_read, args).act == POLICY_ALLOW, "docker: read allowed");
	/* Podman's profile allows reboot and mount: it leans on namespaces for those. */
	tap_ok(policy_decide(&p, SYS_kexec_load, args).act != POLICY_ALLOW, "docker: kexec_load not allowed");
	tap_ok(policy_decide(&p, SYS_init_module, args).act != POLICY_ALLOW,
	       "docker: init_module needs CAP_SYS_MODULE");
	tap_ok(policy_decide(&p, SYS_bpf, args).act != POLICY_ALLOW, "docker: bpf needs CAP_SYS_ADMIN");
	tap_ok(policy_decide(&p, SYS_personality, args).act == POLICY_ALLOW, "docker: personality(0) allowed");
	args[0] = 1;
	tap_ok(policy_decide(&p, SYS_personality, args).act != POLICY_ALLOW, "docker: personality(1) denied");
	args[0] = 0;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		allowed += sg_syscall_table[nr].name && policy_decide(&p, nr, args).act == POLICY_ALLOW;
	tap_ok(allowed > 250, "docker: many syscalls allowed (%u)", allowed);
	tap_ok(p.skipped_names > 0, "docker: other arches' names skipped (%u)", p.skipped_names);
	bpf = policy_bpf_count(&p);
	tap_ok(bpf > 0 && bpf <= 4096, "docker: compiles to %d BPF instructions, within 4096", bpf);
	policy_free(&p);
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	text_good();
	text_bad();
	includes();
	oci_parse_good();
	oci_bad();
	oci_runtime_config();
	decisions();
	first_match_limits();
	fatal_actions();
	explain();
	docker_profile();
	printf("1..%d\n", tap_n);
	tap_rmtree(tmpdir);
	return tap_done();
}

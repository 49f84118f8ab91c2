/* sysgate demo: a short guided run of every subcommand on built-in workloads. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "core/util.h"

struct demo_step {
	const char *title;
	const char *why;
	char *const *argv;
};

static char *const trace_open[] = { "sysgate", "trace", "-e", "trace=openat,read,write,close",
				    "--", "cat", "/etc/hostname", NULL };
static char *const trace_fork[] = { "sysgate", "trace", "-f", "-e", "trace=%process",
				    "--", "sh", "-c", "true | cat", NULL };
static char *const trace_count[] = { "sysgate", "trace", "-c", "--", "ls", "/", NULL };
static char *const trace_inproc[] = { "sysgate", "trace", "-f", "-c", "--backend", "auto", "--",
				      "sh", "-c", "ls -R /usr/share/doc > /dev/null", NULL };

static char *const stat_ls[] = { "sysgate", "stat", "--", "sh", "-c", "ls -R /usr/share/doc > /dev/null",
				  NULL };

static char *const bench_quick[] = { "sysgate", "bench", "--quick", "--only",
				     "call,vdso,syscall,seccomp-docker,sigsys-trap,page-fault,"
				     "signal,pipe-same,notify-same,ptrace-same",
				     NULL };

static char *const jail_default[] = { "sysgate", "jail", "--", "sh", "-c",
				      "echo inside the jail; unshare -U true || echo 'unshare denied'",
				      NULL };

static char *const taint_send[] = {
	"sysgate", "taint", "--secret", "/etc/hostname", "--trust-stdout", "--", "bash", "-c",
	"read -r h < /etc/hostname; echo \"$h\" > /dev/tcp/127.0.0.1/9 || echo 'the secret stayed home'",
	NULL
};

static char *const enclave_vault[] = { "sysgate", "enclave", "demo", NULL };

static char *const vm_hello[] = { "sysgate", "vm", "--demo", NULL };

static const struct demo_step steps[] = {
	{ "trace: the syscalls of cat, decoded like strace",
	  "every open, read and write of a program crosses the boundary",
	  trace_open },
	{ "trace -f: a shell pipeline, following forks",
	  "processes are born with clone and replaced with execve", trace_fork },
	{ "trace -c: where ls spends its syscalls", "a summary instead of every line",
	  trace_count },
	{ "trace --backend auto: the same, observed from inside the program",
	  "Syscall User Dispatch instead of ptrace stops: thousands of calls, little cost",
	  trace_inproc },
	{ "stat: why does ls enter the kernel?",
	  "syscalls vs page faults vs interrupts, counted by the kernel without stopping it",
	  stat_ls },
	{ "jail: the default seccomp profile, every denial reported",
	  "a shell may run; a new user namespace may not", jail_default },
	{ "taint: /etc/hostname is declared secret; bash reads it, then tries to send it",
	  "the monitor follows the data and refuses the connect to an untrusted place",
	  taint_send },
	{ "enclave: a key vault whose signing key never leaves the enclave",
	  "trusted code in its own process, reached by ECALLs; any syscall of its own faults",
	  enclave_vault },
	{ "vm: ring 3, ring 0 and ring -1: a guest kernel, its program, and the monitor",
	  "the same program as a unikernel; sensitive instructions under each engine",
	  vm_hello },
	{ "bench: the price of privilege, a quick ladder on this machine",
	  "a function call, the vDSO, a syscall, seccomp, a fault, a signal, IPC, ptrace",
	  bench_quick },
};

/* One word as a shell reads it back: as it is when it holds nothing special,
 * else in single quotes (a quote inside as '\''), so a reader can copy the line. */
static void print_shell_word(const char *w)
{
	if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789_@%+=:,./-") == strlen(w)) {
		fputs(w, stdout);
		return;
	}
	putchar('\'');
	for (; *w; w++) {
		if (*w == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*w);
	}
	putchar('\'');
}

static int run_step(const struct demo_step *s, const char *self)
{
	printf("\n== %s\n   (%s)\n   $", s->title, s->why);
	for (int i = 0; s->argv[i]; i++) {
		putchar(' ');
		print_shell_word(s->argv[i]);
	}
	printf("\n");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("LC_ALL", "C", 1); /* no locale files: short, readable traces */
		execv(self, s->argv);
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int sg_cmd_demo(int argc, char **argv)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int failed = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: sysgate demo\n\nRuns each subcommand on a built-in workload.");
		return 0;
	}
	if (argc > 1)
		sg_usage_error("demo", "unexpected argument '%s'; usage: sysgate demo", argv[1]);
	if (n <= 0)
		sg_die("cannot find the sysgate binary through /proc/self/exe");
	self[n] = '\0';
	printf("sysgate demo: the system-call boundary, observed\n");
	for (size_t i = 0; i < SG_ARRAY_SIZE(steps); i++)
		failed |= run_step(&steps[i], self) != 0;
	printf("\n%s\n", failed ? "demo: some steps failed (see above)" : "demo: done");
	return failed;
}

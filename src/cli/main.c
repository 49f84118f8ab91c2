/* sysgate: one binary, subcommands dispatched from a table. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "advise/advise.h"
#include "core/util.h"
#include "bench/bench.h"
#include "jail/jail.h"
#include "taint/taint.h"
#include "enclave/enclave.h"
#include "stat/stat.h"
#include "trace/trace.h"
#include "vm/vm.h"


static int cmd_help(int argc, char **argv);

const struct sg_command sg_commands[] = {
	{ "trace", sg_cmd_trace, "trace system calls of a command or process (like strace)",
	  "docs/trace.md" },
	{ "stat", sg_cmd_stat, "why a program enters the kernel: syscalls, faults, interrupts",
	  "docs/stat.md" },
	{ "bench", sg_cmd_bench, "the price of privilege: one ladder of boundary costs, measured here",
	  "docs/bench.md" },
	{ "jail", sg_cmd_jail, "run a command under a seccomp policy, reporting every denial",
	  "docs/jail.md" },
	{ "advise", sg_cmd_advise, "run a program and report its syscall anti-patterns, with fixes",
	  "docs/advise.md" },
	{ "learn", sg_cmd_learn, "run a command and write the minimal seccomp profile it needs",
	  "docs/jail.md" },
	{ "taint", sg_cmd_taint, "information-flow control: secrets may not leave to untrusted places",
	  "docs/taint.md" },
	{ "enclave", sg_cmd_enclave, "enclave calls in simulation mode, with the boundary enforced",
	  "docs/enclave.md" },
	{ "vm", sg_cmd_vm, "a tiny monitor: a guest in ring 0 and hypercalls to the monitor",
	  "docs/vm.md" },
	{ "syscalls", sg_cmd_syscalls, "list the syscall table (number, name, args, classes)",
	  "docs/syscalls.md" },
	{ "demo", sg_cmd_demo, "a short guided run of every subcommand", "docs/demo.md" },
	{ "help", cmd_help, "show help for a subcommand", NULL },
	{ NULL, NULL, NULL, NULL },
};

const struct sg_command *sg_command_find(const char *name)
{
	for (const struct sg_command *c = sg_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void usage(FILE *fp)
{
	fputs("usage: sysgate <command> [options]\n\ncommands:\n", fp);
	for (const struct sg_command *c = sg_commands; c->name; c++)
		fprintf(fp, "  %-8s %s\n", c->name, c->summary);
	fputs("\nsysgate help <command> shows a command's options; sysgate --version\n", fp);
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	const struct sg_command *c = sg_command_find(argv[1]);
	if (!c)
		sg_usage_error("help", "unknown command '%s'; run 'sysgate --help' for the list", argv[1]);
	if (c->run == cmd_help) {
		usage(stdout);
		return 0;
	}
	char *args[] = { (char *)c->name, "--help", NULL };
	return c->run(2, args);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("sysgate %s\n", SG_VERSION);
		return 0;
	}
	const struct sg_command *c = sg_command_find(argv[1]);
	if (!c)
		sg_die_status(SG_EXIT_USAGE, "unknown command '%s'; run 'sysgate --help' for the list",
			      argv[1]);
	/* Whatever a sysgate killed outright left changed is put back by the next. */
	sg_trace_recover();
	sg_enclave_recover();
	return c->run(argc - 1, argv + 1);
}

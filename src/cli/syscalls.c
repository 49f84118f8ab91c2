/* sysgate syscalls: print the syscall table every subcommand shares. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "core/syscalls.h"
#include "core/util.h"

static const char *const class_names[] = { "file",   "desc",   "network", "process",
					   "memory", "signal", "ipc",	  "creds" };

static void print_row(int nr, const struct sg_syscall *sc)
{
	printf("%d\t%s\t%d\t", nr, sc->name, sc->no_metadata ? -1 : sc->nargs);
	const char *sep = "";
	for (size_t i = 0; i < SG_ARRAY_SIZE(class_names); i++) {
		if (sc->classes & (1u << i)) {
			printf("%s%%%s", sep, class_names[i]);
			sep = ",";
		}
	}
	printf("%s\t", *sep ? "" : "-");
	for (int a = 0; a < sc->nargs && !sc->no_metadata; a++)
		printf("%s%s", a ? "," : "", sc->args[a].name);
	printf("\n");
}

int sg_cmd_syscalls(int argc, char **argv)
{
	unsigned want = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: sysgate syscalls [%CLASS]\n\n"
		     "Lists the x86_64 syscall table: number, name, argument count (-1: the\n"
		     "kernel publishes no metadata), classes and argument names, tab-separated.");
		return 0;
	}
	if (argc > 1) {
		want = sg_class_by_name(argv[1] + (argv[1][0] == '%'));
		if (!want)
			sg_usage_error("syscalls", "unknown syscall class '%s'; known: %%file %%desc %%network "
			       "%%process %%memory %%signal %%ipc %%creds", argv[1]);
	}
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++) {
		const struct sg_syscall *sc = sg_syscall(nr);
		if (sc && (!want || (sc->classes & want)))
			print_row(nr, sc);
	}
	return 0;
}

/* --demo: the three levels, one guest each, under every engine this machine has,
 * each explained in a few lines before it runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "vm/vm.h"
#include "vm_int.h"

static const struct step {
	const char *guest, *args;
	int want; /* the exit status that shows it worked */
	const char *explain;
} steps[] = {
	{ "kernel", "", 0,
	  "A guest kernel in ring 0 runs a program in ring 3. The program's SYSCALLs\n"
	  "enter the guest kernel, not the monitor: getpid and the clock are answered\n"
	  "there; write and uname leave the VM as hypercalls to the monitor (ring -1)." },
	{ "kernel", "kmem", 139,
	  "The program reads kernel memory: the page fault goes to the guest kernel,\n"
	  "which reports it and kills the program; the VM itself goes on." },
	{ "unikernel", "", 0,
	  "The same program linked with a library OS, all in ring 0: its system\n"
	  "calls are plain function calls, nothing traps." },
	{ "trap", "", 0,
	  "Sensitive instructions one after the other: --stats shows which of them\n"
	  "reached the monitor and which ran in the guest." },
};

static int run_step(const struct vm_opts *o, const struct step *s, const char *engine)
{
	struct vm_opts so = *o;
	const char *why;
	char *path = sg_vm_guest_path(s->guest);

	if (!path)
		sg_die("vm: the demo guest guest/%s.elf is not beside sg-vm (run make)", s->guest);
	so.stats = strcmp(s->guest, "trap") == 0;
	printf("\n-- %s%s%s on engine %s\n%s\n\n", s->guest, *s->args ? " -- " : "", s->args,
	       engine, s->explain);
	fflush(stdout);
	const struct vm_engine_ops *ops = vm_pick_engine(engine, &why);
	int rc = vm_run_guest(&so, ops, why, path, s->args);
	free(path);
	if (rc != s->want)
		printf("(exit status %d, not %d as it should be)\n", rc, s->want);
	return rc == s->want ? 0 : 1;
}

int vm_demo(const struct vm_opts *o)
{
	const char *engines[2] = { "emulate", NULL };
	int bad = 0;

	const char *no = sg_vm_kvm_unusable();

	if (!no)
		engines[1] = "kvm";
	else
		printf("No kvm engine (%s): the guests run on the software CPU.\n", no);
	for (int e = 0; e < 2 && engines[e]; e++)
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			bad |= run_step(o, &steps[i], engines[e]);
	return bad;
}

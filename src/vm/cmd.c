/* sysgate vm: the monitor is its own program, sg-vm, beside sysgate. It links the
 * software CPU (Unicorn); kept out of sysgate, whose every start (a jail, a traced
 * exec) would otherwise pay for that library's relocations. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "vm.h"

int sg_cmd_vm(int argc, char **argv)
{
	char *monitor = sg_vm_monitor_path();

	(void)argc;
	if (!monitor)
		sg_die("vm: the monitor sg-vm is not beside sysgate (run make)");
	argv[0] = "sg-vm";
	fflush(NULL);
	execv(monitor, argv);
	sg_die("vm: cannot run '%s': %s", monitor, strerror(errno));
}

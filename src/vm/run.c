/* Where the monitor and its guests are (beside this program, else where make
 * built them), and the monitor run from sysgate itself (bench): one guest, its
 * output captured. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/util.h"
#include "vm.h"

#ifndef SG_VM_BUILT
#define SG_VM_BUILT ""
#endif
#ifndef SG_VM_GUESTS_BUILT
#define SG_VM_GUESTS_BUILT ""
#endif

/* Does the CPU have hardware virtualization: a vmx or svm word in the flags line
 * of /proc/cpuinfo (read once: its size grows with the CPUs)? */
static bool hardware_virt(void)
{
	char *info = NULL, *line;
	size_t len;
	bool found = false;

	if (sg_read_file("/proc/cpuinfo", &info, &len) < 0)
		return false;
	if ((line = strstr(info, "\nflags"))) {
		char *end = strchr(line + 1, '\n'), *w = strchr(line, ':');
		if (end)
			*end = '\0';
		for (w = w ? strtok(w + 1, " \t") : NULL; w && !found; w = strtok(NULL, " \t"))
			found = strcmp(w, "vmx") == 0 || strcmp(w, "svm") == 0;
	}
	free(info);
	return found;
}

/* A /dev/kvm on a CPU without vmx or svm is PVM (kvm_pvm): guests run without
 * hardware virtualization and must be PVM-aware. An ordinary one is emulated
 * instruction by instruction, and its ring-3 program's SYSCALL reaches the
 * kernel's entry still in ring 3 (a page fault there): seen on these machines. */
const char *sg_vm_kvm_unusable(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return "this machine has no usable /dev/kvm";
	close(fd);
	if (!hardware_virt())
		return "/dev/kvm is PVM here: no hardware virtualization (no vmx or svm flag)";
	return NULL;
}

char *sg_vm_monitor_path(void)
{
	return sg_beside_self("sg-vm", SG_VM_BUILT, X_OK);
}

char *sg_vm_guest_path(const char *name)
{
	char rel[128], built[4096];

	snprintf(rel, sizeof(rel), "guest/%s.elf", name);
	snprintf(built, sizeof(built), "%s/%s.elf", SG_VM_GUESTS_BUILT, name);
	return sg_beside_self(rel, built, R_OK);
}

/* Everything the child prints, until it ends. */
static char *read_all(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = sg_xrealloc(NULL, cap);
	ssize_t n;

	while ((n = read(fd, buf + len, cap - len - 1)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && (len += (size_t)n) + 1 == cap)
			buf = sg_xrealloc(buf, cap *= 2);
	buf[len] = '\0';
	return buf;
}

int sg_vm_capture(const char *engine, const char *guest, const char *args, char **out)
{
	char *monitor = sg_vm_monitor_path(), *path = sg_vm_guest_path(guest);
	int p[2], status, rc = -ENOENT;

	*out = NULL;
	if (monitor && path && pipe2(p, O_CLOEXEC) == 0) {
		pid_t pid = fork();
		if (pid == 0) {
			dup2(p[1], 1), dup2(p[1], 2);
			execl(monitor, "sg-vm", "--engine", engine, "--stats", "--timeout", "120",
			      path, "--", args, (char *)NULL);
			_exit(127);
		}
		close(p[1]);
		*out = read_all(p[0]);
		close(p[0]);
		rc = pid < 0 ? -errno : waitpid(pid, &status, 0) < 0 ? -errno : status;
	}
	free(monitor);
	free(path);
	return rc;
}

/* Capabilities: parse --cap-keep names, drop everything else before exec. */
#include "launch/ns.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/util.h"

/* Indexed by capability number, as in linux/capability.h. */
static const char *const cap_names[] = {
	"chown",	  "dac_override",    "dac_read_search", "fowner",	    "fsetid",
	"kill",		  "setgid",	     "setuid",		"setpcap",	    "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin",	"net_raw",	    "ipc_lock",
	"ipc_owner",	  "sys_module",	     "sys_rawio",	"sys_chroot",	    "sys_ptrace",
	"sys_pacct",	  "sys_admin",	     "sys_boot",	"sys_nice",	    "sys_resource",
	"sys_time",	  "sys_tty_config",  "mknod",		"lease",	    "audit_write",
	"audit_control",  "setfcap",	     "mac_override",	"mac_admin",	    "syslog",
	"wake_alarm",	  "block_suspend",   "audit_read",	"perfmon",	    "bpf",
	"checkpoint_restore",
};

static int cap_from_name(const char *name)
{
	if (strncasecmp(name, "cap_", 4) == 0)
		name += 4;
	for (size_t i = 0; i < SG_ARRAY_SIZE(cap_names); i++)
		if (strcasecmp(name, cap_names[i]) == 0)
			return (int)i;
	return -1;
}

int launch_ns_cap_parse(const char *list, uint64_t *mask, char *err, size_t errlen)
{
	char *copy = sg_xstrdup(list), *save = NULL;
	int ret = 0;

	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int cap = cap_from_name(w);

		if (cap < 0) {
			ret = launch_ns_err(err, errlen, -EINVAL,
					  "unknown capability '%s'; use names like "
					  "net_bind_service or CAP_NET_RAW",
					  w);
			break;
		}
		*mask |= 1ULL << cap;
	}
	free(copy);
	return ret;
}

/* The highest capability the running kernel knows. */
static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int last = CAP_LAST_CAP;

	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = CAP_LAST_CAP;
		fclose(f);
	}
	return last < 63 ? last : 63;
}

bool launch_ns_have_cap(int cap)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (syscall(SYS_capget, &hdr, data) != 0)
		return false;
	return data[cap / 32].effective & (1u << (cap % 32));
}

/* Only a process with CAP_SETPCAP can drop from its bounding set. One without it
 * holds no capability it could pass on; the filter's no_new_privs keeps set-user-ID
 * programs from gaining any, so its bounding set is left as it is. */
static int drop_bounding(uint64_t keep, int last, char *err, size_t errlen)
{
	if (!launch_ns_have_cap(CAP_SETPCAP))
		return 0;
	for (int cap = 0; cap <= last; cap++) {
		if (keep & (1ULL << cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return launch_ns_err(err, errlen, -errno,
					   "cannot drop capability %s from the bounding set: %s",
					   cap < (int)SG_ARRAY_SIZE(cap_names) ? cap_names[cap] : "?",
					   strerror(errno));
	}
	return 0;
}

static int set_sets(uint64_t keep, char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	uint32_t lo = (uint32_t)keep, hi = (uint32_t)(keep >> 32);

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return launch_ns_err(err, errlen, -errno, "capget: %s", strerror(errno));
	data[0].effective = data[0].permitted = data[0].inheritable = data[0].permitted & lo;
	data[1].effective = data[1].permitted = data[1].inheritable = data[1].permitted & hi;
	if (syscall(SYS_capset, &hdr, data) < 0)
		return launch_ns_err(err, errlen, -errno, "cannot set capabilities: %s",
				   strerror(errno));
	return 0;
}

/* Kept capabilities go to the ambient set so that they survive exec for a non-root uid. */
static int raise_ambient(uint64_t keep, int last, char *err, size_t errlen)
{
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return launch_ns_err(err, errlen, -errno, "cannot clear ambient capabilities: %s",
				   strerror(errno));
	for (int cap = 0; cap <= last; cap++)
		if ((keep & (1ULL << cap)) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return launch_ns_err(err, errlen, -errno,
					   "cannot keep capability %s: %s (is it held?)",
					   cap_names[cap], strerror(errno));
	return 0;
}

/* A capability to keep must be held: say so before anything is changed. */
static int check_held(uint64_t keep, int last, char *err, size_t errlen)
{
	for (int cap = 0; cap <= last; cap++)
		if ((keep & (1ULL << cap)) && !launch_ns_have_cap(cap))
			return launch_ns_err(err, errlen, -EPERM,
					     "cannot keep capability %s: this user does not hold "
					     "it; run as root to keep it",
					     cap < (int)SG_ARRAY_SIZE(cap_names) ? cap_names[cap] : "?");
	return 0;
}

int launch_ns_caps_apply(uint64_t keep, char *err, size_t errlen)
{
	int last = last_cap();
	int ret = check_held(keep, last, err, errlen);

	if (!ret)
		ret = drop_bounding(keep, last, err, errlen);
	if (!ret)
		ret = set_sets(keep, err, errlen);
	if (!ret)
		ret = raise_ambient(keep, last, err, errlen);
	return ret;
}

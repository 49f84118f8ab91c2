/* /proc/PID/status: the numeric fields sysgate asks about ("Tgid", "PPid"). */
#ifndef SG_CORE_PROC_STATUS_H
#define SG_CORE_PROC_STATUS_H

#include <sys/types.h>

/* The value of field in /proc/pid/status, or fallback when the process is gone
 * or the file lacks it. */
pid_t sg_proc_status_field(pid_t pid, const char *field, pid_t fallback);

#endif

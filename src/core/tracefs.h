/* tracefs: where it is, and what it says of a tracepoint (its id, where a field
 * sits in its raw record). stat opens perf events on tracepoints; the BPF
 * programs of stat and trace read task:task_newtask's record by these offsets. */
#ifndef SG_CORE_TRACEFS_H
#define SG_CORE_TRACEFS_H

#include <stddef.h>
#include <stdint.h>

/* Find the tracefs directory, mounting tracefs when it is missing and we may.
 * Returns 0, -ENOENT (not mounted, cannot mount) or -EACCES (not readable). */
int sg_tracefs_ready(const char **dir);
int sg_tracepoint_id(const char *dir, const char *group, const char *event, uint64_t *id);
/* Where a field sits in a tracepoint's raw record, from its format file: 0,
 * -ENOENT when there is no such field, or -errno. */
int sg_tracepoint_field(const char *dir, const char *group, const char *event,
			const char *field, size_t *offset, size_t *size);
/* task:task_newtask's new task id (pid_t) and clone flags (u64): their offsets,
 * 0, or -errno (-ENOTSUP: other sizes than these). */
int sg_tracefs_newtask_fields(uint32_t *pid_at, uint32_t *flags_at);

#endif

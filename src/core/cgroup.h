/* cgroup v2 directories, named as a path or relative to the v2 hierarchy's
 * root: stat counts a cgroup's tasks (perf opens events on the directory), and
 * the BPF programs of stat and trace match tasks by the cgroup's id. */
#ifndef SG_CORE_CGROUP_H
#define SG_CORE_CGROUP_H

#include <stddef.h>
#include <stdint.h>

/* Open the cgroup's directory (its path into path) and its id (the directory's
 * inode, as bpf_get_current_cgroup_id gives it): the fd, -errno, or
 * -EMEDIUMTYPE for a directory that is not of cgroup v2. */
int sg_cgroup2_open(const char *name, char *path, size_t size, uint64_t *id);

#endif

/* /proc/PID/maps: finding the mapping of a file (or an anonymous inode, such as
 * a KVM vcpu's struct kvm_run) by the name the kernel gives it there. */
#ifndef SG_CORE_PROC_MAPS_H
#define SG_CORE_PROC_MAPS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct sg_map {
	uint64_t start, end; /* [start, end) */
	unsigned long major; /* of the device the mapped file lives on */
};

/* The lowest mapping in maps (the text of a /proc/PID/maps, as a stream) named
 * name exactly and on a device of major 0 (anonymous inodes are): 0 and *m, or
 * -ENOENT. Lines not of the maps format, and lines that overlap the one kept
 * before them, are passed over (as strace's cache of the maps does). */
int sg_maps_find(FILE *maps, const char *name, struct sg_map *m);
/* The same in /proc/PID/maps: 0, -ENOENT, or -errno when it cannot be read. */
int sg_proc_maps_find(pid_t pid, const char *name, struct sg_map *m);

#endif

/* The names of ioctl requests, generated from the UAPI headers by
 * scripts/gen-ioctls.py into ioctl_table.c. */
#ifndef SG_CORE_IOCTL_TABLE_H
#define SG_CORE_IOCTL_TABLE_H

struct sg_ioctl_name {
	unsigned code;
	const char *name;
};

/* Sorted by code, then name; a code several headers define has several rows. */
extern const struct sg_ioctl_name sg_ioctl_names[];
extern const unsigned sg_nioctl_names;

#endif

/* ioctls of an inotify fd (linux/inotify.h): the next watch descriptor, by value. */
#include "decode_ioctl_family.h"

#include <sys/inotify.h>

/* linux/inotify.h's, which cannot be included beside libc's <fcntl.h> (and
 * <sys/inotify.h> does not have it). */
#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int32_t)
#endif

static const struct sg_ioctl_printer rows[] = {
	{ INOTIFY_IOC_SETNEXTWD, sg_ioctl_val_d, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_inotify, rows);

/* The rows of capture_ioctl.c's tables, shared with the families whose headers
 * cannot be included beside the others' (linux/input.h brings libc's struct
 * winsize, which the kernel's termios header defines again). */
#ifndef SG_CORE_CAPTURE_IOCTL_ROWS_H
#define SG_CORE_CAPTURE_IOCTL_ROWS_H

#include "capture.h"

#include <linux/ioctl.h>

#define OUT SG_IOCTL_MEM_OUT
#define KEEP SG_IOCTL_MEM_FAILED_TOO
#define BEFORE SG_IOCTL_MEM_BEFORE
#define STRING SG_IOCTL_MEM_STRING
#define REQ_SIZE SG_IOCTL_MEM_REQ_SIZE
#define ALWAYS SG_IOCTL_MEM_ALWAYS
#define BEFORE_EXTRA SG_IOCTL_MEM_BEFORE_EXTRA
#define RET_FD SG_IOCTL_MEM_RET_FD

/* mask: the bits of a request's number that must equal req's (0: all), for the
 * requests with a length or an index in their number. */
struct ioctl_mem {
	uint32_t req;
	uint32_t mem;
	uint32_t mask;
};
#define ANY_SIZE (~(uint32_t)(_IOC_SIZEMASK << _IOC_SIZESHIFT))
#define ANY_NR(bits) (~(uint32_t)((bits) << _IOC_NRSHIFT))

/* capture_ioctl_input.c: input devices (evdev). */
extern const struct ioctl_mem sg_capture_evdev[];
#define SG_CAPTURE_EVDEV_ROWS 22u

#endif

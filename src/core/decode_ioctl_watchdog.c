/* ioctls of watchdog devices (linux/watchdog.h): the timeouts, status words and
 * temperature are ints by pointer; KEEPALIVE's argument is ignored by drivers.
 * strace 6.1 leaves WDIOC_GETSUPPORT and WDIOC_SETOPTIONS undecoded, and so does
 * this. */
#include "decode_ioctl_family.h"

#include <linux/watchdog.h>

static const struct sg_ioctl_printer rows[] = {
	{ WDIOC_GETSTATUS, sg_ioctl_int, NULL, 0 },
	{ WDIOC_GETBOOTSTATUS, sg_ioctl_int, NULL, 0 },
	{ WDIOC_GETTEMP, sg_ioctl_int, NULL, 0 },
	{ WDIOC_GETTIMEOUT, sg_ioctl_int, NULL, 0 },
	{ WDIOC_GETPRETIMEOUT, sg_ioctl_int, NULL, 0 },
	{ WDIOC_GETTIMELEFT, sg_ioctl_int, NULL, 0 },
	{ WDIOC_SETTIMEOUT, sg_ioctl_int, NULL, 0 },
	{ WDIOC_SETPRETIMEOUT, sg_ioctl_int, NULL, 0 },
	{ WDIOC_KEEPALIVE, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_watchdog, rows);

/* What the input device (evdev) decoder reads of a request's argument; apart
 * from capture_ioctl.c because linux/input.h cannot be included beside the
 * kernel's termios header. Freestanding, as capture_ioctl.c. */
#include "capture_ioctl_rows.h"

#include <linux/input.h>

/* Bitmaps and names are as long as the request says. */
const struct ioctl_mem sg_capture_evdev[] = {
	{ EVIOCGVERSION, OUT | sizeof(int), 0 },
	{ EVIOCGID, OUT | sizeof(struct input_id), 0 },
	{ EVIOCGREP, OUT | 2 * sizeof(unsigned), 0 },
	{ EVIOCSREP, 2 * sizeof(unsigned), 0 },
	{ EVIOCGKEYCODE, OUT | 2 * sizeof(unsigned), 0 },
	{ EVIOCSKEYCODE, 2 * sizeof(unsigned), 0 },
	{ EVIOCGKEYCODE_V2, OUT | sizeof(struct input_keymap_entry), 0 },
	{ EVIOCSKEYCODE_V2, sizeof(struct input_keymap_entry), 0 },
	{ EVIOCGEFFECTS, OUT | sizeof(int), 0 },
	{ EVIOCSCLOCKID, sizeof(int), 0 },
	{ EVIOCGNAME(0), OUT | REQ_SIZE | ALWAYS, ANY_SIZE },
	{ EVIOCGPHYS(0), OUT | REQ_SIZE | ALWAYS, ANY_SIZE },
	{ EVIOCGUNIQ(0), OUT | REQ_SIZE | ALWAYS, ANY_SIZE },
	{ EVIOCGPROP(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGMTSLOTS(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGKEY(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGLED(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGSND(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGSW(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGBIT(0, 0), OUT | REQ_SIZE, ANY_SIZE & ANY_NR(EV_MAX) },
	{ EVIOCGABS(0), OUT | sizeof(struct input_absinfo), ANY_NR(ABS_MAX) },
	{ EVIOCSABS(0), sizeof(struct input_absinfo), ANY_NR(ABS_MAX) },
};
_Static_assert(sizeof(sg_capture_evdev) / sizeof(sg_capture_evdev[0]) == SG_CAPTURE_EVDEV_ROWS,
	       "SG_CAPTURE_EVDEV_ROWS is the number of rows");

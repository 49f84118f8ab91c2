/* What the decoders of the ioctl families in decode_ioctl_<family>.c read of a
 * request's argument (see capture.h), one table per family, the sizes taken from
 * the UAPI structs. Freestanding: the trace agent runs it inside traced programs. */
#include "capture.h"

#include <linux/ioctl.h>

#include <linux/dm-ioctl.h>
#include <linux/input.h>
#include <linux/kvm.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <scsi/sg.h>

#define OUT SG_IOCTL_MEM_OUT
#define KEEP SG_IOCTL_MEM_FAILED_TOO
#define BEFORE SG_IOCTL_MEM_BEFORE
#define STRING SG_IOCTL_MEM_STRING
#define REQ_SIZE SG_IOCTL_MEM_REQ_SIZE

/* mask: the bits of a request's number that must equal req's (0: all), for the
 * requests with a length or an index in their number. */
struct ioctl_mem {
	uint32_t req;
	uint32_t mem;
	uint32_t mask;
};
#define ANY_SIZE (~(uint32_t)(_IOC_SIZEMASK << _IOC_SIZESHIFT))
#define ANY_NR(bits) (~(uint32_t)((bits) << _IOC_NRSHIFT))

static const struct ioctl_mem nsfs[] = {
	{ NS_GET_OWNER_UID, OUT | sizeof(uid_t), 0 },
};

static const struct ioctl_mem seccomp[] = {
	{ SECCOMP_IOCTL_NOTIF_RECV, OUT | sizeof(struct seccomp_notif), 0 },
	{ SECCOMP_IOCTL_NOTIF_SEND, sizeof(struct seccomp_notif_resp), 0 },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, sizeof(uint64_t), 0 },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, sizeof(struct seccomp_notif_addfd), 0 },
};

/* The requests that fill in a struct they are given show what they were given
 * even when they fail; UFFDIO_API also what the kernel changed. */
static const struct ioctl_mem uffdio[] = {
	{ UFFDIO_API, OUT | KEEP | BEFORE | sizeof(struct uffdio_api), 0 },
	{ UFFDIO_REGISTER, OUT | KEEP | sizeof(struct uffdio_register), 0 },
	{ UFFDIO_UNREGISTER, sizeof(struct uffdio_range), 0 },
	{ UFFDIO_WAKE, sizeof(struct uffdio_range), 0 },
	{ UFFDIO_COPY, OUT | KEEP | sizeof(struct uffdio_copy), 0 },
	{ UFFDIO_ZEROPAGE, OUT | KEEP | sizeof(struct uffdio_zeropage), 0 },
	{ UFFDIO_WRITEPROTECT, sizeof(struct uffdio_writeprotect), 0 },
	{ UFFDIO_CONTINUE, OUT | KEEP | sizeof(struct uffdio_continue), 0 },
};

static const struct ioctl_mem perf[] = {
	{ PERF_EVENT_IOC_ID, OUT | sizeof(uint64_t), 0 },
	{ PERF_EVENT_IOC_PERIOD, sizeof(uint64_t), 0 },
	{ PERF_EVENT_IOC_SET_FILTER, STRING, 0 },
};

/* SG_IO: the header at entry (the request), and again at exit, failed or not
 * (the response). */
static const struct ioctl_mem sg[] = {
	{ SG_GET_VERSION_NUM, OUT | sizeof(int), 0 },
	{ SG_SET_TIMEOUT, sizeof(int), 0 },
	{ SG_IO, OUT | KEEP | BEFORE | sizeof(struct sg_io_hdr), 0 },
};

static const struct ioctl_mem kvm[] = {
	{ KVM_SET_USER_MEMORY_REGION, sizeof(struct kvm_userspace_memory_region), 0 },
};

/* Bitmaps and names are as long as the request says. */
static const struct ioctl_mem evdev[] = {
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
	{ EVIOCGNAME(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGPHYS(0), OUT | REQ_SIZE, ANY_SIZE },
	{ EVIOCGUNIQ(0), OUT | REQ_SIZE, ANY_SIZE },
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

/* struct dm_ioctl as it went in and as it came back, failed or not (a failure
 * that changed it shows the change); every request of the device mapper (nr 0
 * is DM_VERSION) takes one. */
static const struct ioctl_mem dm[] = {
	{ DM_VERSION, OUT | KEEP | BEFORE | sizeof(struct dm_ioctl), ANY_NR(0xff) },
};

#define FAMILY(t) { t, sizeof(t) / sizeof(t[0]) }
static const struct {
	const struct ioctl_mem *rows;
	unsigned n;
} families[] = {
	FAMILY(nsfs),
	FAMILY(seccomp),
	FAMILY(uffdio),
	FAMILY(perf),
	FAMILY(sg),
	FAMILY(kvm),
	FAMILY(evdev),
	FAMILY(dm),
};

static uint32_t row_mem(const struct ioctl_mem *row, uint32_t req)
{
	if (!(row->mem & REQ_SIZE))
		return row->mem;
	return (row->mem & ~(uint32_t)(SG_IOCTL_MEM_SIZE | REQ_SIZE)) | _IOC_SIZE(req);
}

uint32_t sg_ioctl_family_mem(uint32_t req)
{
	for (unsigned f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (unsigned i = 0; i < families[f].n; i++) {
			const struct ioctl_mem *row = &families[f].rows[i];
			if ((req & (row->mask ? row->mask : ~0u)) == row->req)
				return row_mem(row, req);
		}
	return 0;
}

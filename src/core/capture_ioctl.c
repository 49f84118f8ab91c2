/* What the decoders of the ioctl families in decode_ioctl_<family>.c read of a
 * request's argument (see capture.h), one table per family, the sizes taken from
 * the UAPI structs. Freestanding: the trace agent runs it inside traced programs. */
#include "capture.h"

#include <linux/ioctl.h>

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

struct ioctl_mem {
	uint32_t req;
	uint32_t mem;
};

static const struct ioctl_mem nsfs[] = {
	{ NS_GET_OWNER_UID, OUT | sizeof(uid_t) },
};

static const struct ioctl_mem seccomp[] = {
	{ SECCOMP_IOCTL_NOTIF_RECV, OUT | sizeof(struct seccomp_notif) },
	{ SECCOMP_IOCTL_NOTIF_SEND, sizeof(struct seccomp_notif_resp) },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, sizeof(uint64_t) },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, sizeof(struct seccomp_notif_addfd) },
};

/* The requests that fill in a struct they are given show what they were given
 * even when they fail; UFFDIO_API also what the kernel changed. */
static const struct ioctl_mem uffdio[] = {
	{ UFFDIO_API, OUT | KEEP | BEFORE | sizeof(struct uffdio_api) },
	{ UFFDIO_REGISTER, OUT | KEEP | sizeof(struct uffdio_register) },
	{ UFFDIO_UNREGISTER, sizeof(struct uffdio_range) },
	{ UFFDIO_WAKE, sizeof(struct uffdio_range) },
	{ UFFDIO_COPY, OUT | KEEP | sizeof(struct uffdio_copy) },
	{ UFFDIO_ZEROPAGE, OUT | KEEP | sizeof(struct uffdio_zeropage) },
	{ UFFDIO_WRITEPROTECT, sizeof(struct uffdio_writeprotect) },
	{ UFFDIO_CONTINUE, OUT | KEEP | sizeof(struct uffdio_continue) },
};

static const struct ioctl_mem perf[] = {
	{ PERF_EVENT_IOC_ID, OUT | sizeof(uint64_t) },
	{ PERF_EVENT_IOC_PERIOD, sizeof(uint64_t) },
	{ PERF_EVENT_IOC_SET_FILTER, STRING },
};

static const struct ioctl_mem sg[] = {
	{ SG_GET_VERSION_NUM, OUT | sizeof(int) },
	{ SG_SET_TIMEOUT, sizeof(int) },
};

static const struct ioctl_mem kvm[] = {
	{ KVM_SET_USER_MEMORY_REGION, sizeof(struct kvm_userspace_memory_region) },
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
};

uint32_t sg_ioctl_family_mem(uint32_t req)
{
	for (unsigned f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		for (unsigned i = 0; i < families[f].n; i++)
			if (families[f].rows[i].req == req)
				return families[f].rows[i].mem;
	return 0;
}

/* Issues the ioctls of the namespace, seccomp, userfaultfd, perf, input, SCSI
 * generic, KVM and device-mapper families with harmless arguments, for
 * tests/decode_ioctl_2.t: on fd -1 (every argument is shown as the request would
 * bring it in, nothing is done), on a namespace fd, a userfaultfd and a perf
 * software counter of this process. No device is opened. Failures are expected
 * and ignored. */
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <linux/input.h>
#include <linux/kvm.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <scsi/sg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void nsfs_calls(void)
{
	int net = open("/proc/self/ns/net", O_RDONLY);
	int user = open("/proc/self/ns/user", O_RDONLY);
	unsigned uid = 0;

	ioctl(net, NS_GET_NSTYPE);
	ioctl(user, NS_GET_NSTYPE);
	ioctl(-1, NS_GET_NSTYPE);
	ioctl(user, NS_GET_OWNER_UID, &uid);
	ioctl(-1, NS_GET_OWNER_UID, &uid);
	ioctl(-1, NS_GET_USERNS);
	ioctl(-1, NS_GET_PARENT);
	close(net);
	close(user);
}

static void seccomp_calls(void)
{
	struct seccomp_notif notif;
	struct seccomp_notif_resp resp = { .id = 0x1234, .val = -1, .error = -1,
					   .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
	struct seccomp_notif_addfd addfd = { .id = 0x42, .flags = SECCOMP_ADDFD_FLAG_SETFD,
					     .srcfd = 0, .newfd = 7, .newfd_flags = O_CLOEXEC };
	uint64_t id = 0xabcd;

	memset(&notif, 0, sizeof(notif));
	ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID, &id);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, NULL);
}

static void uffd_calls(void)
{
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
	struct uffdio_api api = { .api = UFFD_API };
	size_t len = 4096;
	char *page = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t at = (uint64_t)(uintptr_t)page;
	struct uffdio_register reg = { .range = { at, len }, .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffdio_range range = { at, len };
	struct uffdio_copy copy = { .dst = at, .src = at, .len = len, .mode = 0 };
	struct uffdio_zeropage zero = { .range = { at, len }, .mode = UFFDIO_ZEROPAGE_MODE_DONTWAKE };
	struct uffdio_writeprotect wp = { .range = { at, len },
					  .mode = UFFDIO_WRITEPROTECT_MODE_WP };
	struct uffdio_continue cont = { .range = { at, len }, .mode = 0 };

	ioctl(fd, UFFDIO_API, &api);
	ioctl(fd, UFFDIO_REGISTER, &reg);
	ioctl(fd, UFFDIO_WAKE, &range);
	ioctl(-1, UFFDIO_COPY, &copy);
	ioctl(-1, UFFDIO_ZEROPAGE, &zero);
	ioctl(-1, UFFDIO_WRITEPROTECT, &wp);
	ioctl(-1, UFFDIO_CONTINUE, &cont);
	ioctl(fd, UFFDIO_UNREGISTER, &range);
	ioctl(-1, UFFDIO_API, &api);
	munmap(page, len);
	close(fd);
}

static void perf_calls(void)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(attr),
					.config = PERF_COUNT_SW_TASK_CLOCK, .disabled = 1 };
	int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	uint64_t period = 1000, id = 0;

	ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	ioctl(fd, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	ioctl(fd, PERF_EVENT_IOC_RESET, 0);
	ioctl(fd, PERF_EVENT_IOC_ID, &id);
	ioctl(-1, PERF_EVENT_IOC_ID, &id);
	ioctl(-1, PERF_EVENT_IOC_REFRESH, 2);
	ioctl(-1, PERF_EVENT_IOC_PERIOD, &period);
	ioctl(-1, PERF_EVENT_IOC_SET_OUTPUT, -1);
	ioctl(-1, PERF_EVENT_IOC_SET_FILTER, "filter");
	ioctl(-1, PERF_EVENT_IOC_SET_BPF, 3);
	ioctl(-1, PERF_EVENT_IOC_PAUSE_OUTPUT, 1);
	close(fd);
}

static void evdev_calls(void)
{
	int version = 0, repeat[2] = { 250, 33 };
	struct input_id id = { 0 };
	struct input_absinfo abs = { .value = 1, .minimum = -10, .maximum = 10 };
	unsigned keycode[2] = { 30, 31 };
	char buf[64];

	ioctl(-1, EVIOCGVERSION, &version);
	ioctl(-1, EVIOCGID, &id);
	ioctl(-1, EVIOCGREP, repeat);
	ioctl(-1, EVIOCSREP, repeat);
	ioctl(-1, EVIOCGKEYCODE, keycode);
	ioctl(-1, EVIOCSKEYCODE, keycode);
	ioctl(-1, EVIOCGNAME(sizeof(buf)), buf);
	ioctl(-1, EVIOCGPHYS(sizeof(buf)), buf);
	ioctl(-1, EVIOCGABS(ABS_X), &abs);
	ioctl(-1, EVIOCSABS(ABS_Y), &abs);
	ioctl(-1, EVIOCGBIT(0, sizeof(buf)), buf);
	ioctl(-1, EVIOCGBIT(EV_KEY, sizeof(buf)), buf);
	ioctl(-1, EVIOCGKEY(sizeof(buf)), buf);
	ioctl(-1, EVIOCGRAB, 1);
	ioctl(-1, EVIOCREVOKE, 0);
	ioctl(-1, EVIOCSCLOCKID, &version);
}

static void sg_calls(void)
{
	int v = 0;
	sg_io_hdr_t hdr;

	memset(&hdr, 0, sizeof(hdr));
	hdr.interface_id = 'S';
	hdr.dxfer_direction = SG_DXFER_NONE;
	ioctl(-1, SG_GET_VERSION_NUM, &v);
	ioctl(-1, SG_IO, &hdr);
	ioctl(-1, SG_GET_TIMEOUT, 0);
	ioctl(-1, SG_SET_TIMEOUT, &v);
}

static void kvm_calls(void)
{
	struct kvm_userspace_memory_region region = { .slot = 1, .flags = KVM_MEM_READONLY,
						     .guest_phys_addr = 0x10000,
						     .memory_size = 0x1000,
						     .userspace_addr = 0x7f0000000000 };

	ioctl(-1, KVM_GET_API_VERSION, 0);
	ioctl(-1, KVM_CREATE_VM, 0);
	ioctl(-1, KVM_CHECK_EXTENSION, KVM_CAP_IRQCHIP);
	ioctl(-1, KVM_CREATE_VCPU, 0);
	ioctl(-1, KVM_GET_VCPU_MMAP_SIZE, 0);
	ioctl(-1, KVM_SET_USER_MEMORY_REGION, &region);
	ioctl(-1, KVM_RUN, 0);
	ioctl(-1, KVM_SET_TSS_ADDR, 0xfffbd000);
}

static void dm_calls(void)
{
	struct dm_ioctl dm;

	memset(&dm, 0, sizeof(dm));
	dm.version[0] = DM_VERSION_MAJOR;
	dm.data_size = sizeof(dm);
	dm.data_start = sizeof(dm);
	strcpy(dm.name, "sg-test");
	ioctl(-1, DM_VERSION, &dm);
	ioctl(-1, DM_DEV_CREATE, &dm);
	ioctl(-1, DM_DEV_STATUS, &dm);
	ioctl(-1, DM_LIST_DEVICES, &dm);
}

int main(void)
{
	nsfs_calls();
	seccomp_calls();
	uffd_calls();
	perf_calls();
	evdev_calls();
	sg_calls();
	kvm_calls();
	dm_calls();
	return 0;
}

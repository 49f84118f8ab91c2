/* The requests of the input, device-mapper, SCSI generic and KVM families on
 * fd -1, with every struct filled in as the kernel would fill it, for
 * tests/decode_ioctl_2.t: run under `-e inject=ioctl:retval=8` (by sysgate and
 * by strace), each call "succeeds" without reaching the kernel, so the printers
 * of what a request gets back are compared with strace's on this data. No
 * device is opened. */
#include <linux/bsg.h>
#include <linux/dm-ioctl.h>
#include <linux/input.h>
#include <linux/kvm.h>
#include <scsi/sg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

static void evdev_calls(void)
{
	int version = 0x10001;
	struct input_id id = { 3, 0x46d, 0xc52b, 0x111 };
	unsigned repeat[2] = { 250, 33 }, keycode[2] = { 30, 31 };
	char name[64] = "Logitech USB Receiver";
	struct input_absinfo abs = { 1, -10, 100, 2, 3, 4 };
	unsigned long types[4] = { 0x1b }, keys[12] = { ~1UL, 3 }, none[1] = { 0 };
	int slots[3] = { ABS_MT_POSITION_X, 5, 6 };
	struct input_keymap_entry entry = { .len = 4, .keycode = KEY_A, .scancode = { 0x1e } };

	ioctl(-1, EVIOCGVERSION, &version);
	ioctl(-1, EVIOCGID, &id);
	ioctl(-1, EVIOCGREP, repeat);
	ioctl(-1, EVIOCGKEYCODE, keycode);
	ioctl(-1, EVIOCGNAME(sizeof(name)), name);
	ioctl(-1, EVIOCGABS(ABS_Y), &abs);
	ioctl(-1, EVIOCGBIT(0, sizeof(types)), types);
	ioctl(-1, EVIOCGBIT(EV_KEY, sizeof(keys)), keys);
	ioctl(-1, EVIOCGBIT(EV_PWR, sizeof(version)), &version);
	ioctl(-1, EVIOCGKEY(sizeof(none)), none);
	ioctl(-1, EVIOCGLED(sizeof(types)), types);
	ioctl(-1, EVIOCGMTSLOTS(sizeof(slots)), slots);
	ioctl(-1, EVIOCGKEYCODE_V2, &entry);
	ioctl(-1, EVIOCSKEYCODE_V2, &entry);
	ioctl(-1, EVIOCRMFF, 5);
	ioctl(-1, EVIOCGEFFECTS, &version);
}

struct dm_buf {
	struct dm_ioctl d;
	char data[256];
};

static void *payload(struct dm_buf *dm)
{
	memset(dm->data, 0, sizeof(dm->data));
	return (char *)dm + dm->d.data_start;
}

static void dm_lists(struct dm_buf *dm)
{
	struct dm_name_list *dev = payload(dm), *dev2;
	struct dm_target_versions *v;
	struct dm_target_deps *deps;

	dev->dev = 0xfd00;
	strcpy(dev->name, "vg0-root");
	dev->next = 48;
	/* the event number after the name, 8-aligned (interface 4.37 on) */
	*(unsigned *)((char *)dev + ((offsetof(struct dm_name_list, name) + 9 + 7) & ~7)) = 5;
	dev2 = (void *)((char *)dev + dev->next);
	dev2->dev = 0xfd01;
	strcpy(dev2->name, "vg0-swap");
	ioctl(-1, DM_LIST_DEVICES, dm);
	v = payload(dm);
	v->version[0] = 1;
	v->version[1] = 2;
	strcpy(v->name, "linear");
	ioctl(-1, DM_LIST_VERSIONS, dm);
	deps = payload(dm);
	deps->count = 2;
	deps->dev[0] = 0x801;
	deps->dev[1] = 0x802;
	ioctl(-1, DM_TABLE_DEPS, dm);
}

static void dm_targets(struct dm_buf *dm)
{
	struct dm_target_spec *s = payload(dm), *s2;
	struct dm_target_msg *m;

	dm->d.target_count = 2;
	s->length = 100;
	s->status = 1;
	strcpy(s->target_type, "linear");
	strcpy((char *)(s + 1), "8:1 0");
	s->next = sizeof(*s) + 8;
	s2 = (void *)((char *)s + s->next);
	s2->sector_start = 100;
	s2->length = 50;
	strcpy(s2->target_type, "zero");
	ioctl(-1, DM_TABLE_LOAD, dm);
	ioctl(-1, DM_TABLE_STATUS, dm);
	dm->d.target_count = 0;
	m = payload(dm);
	m->sector = 7;
	strcpy(m->message, "hello");
	dm->d.flags = DM_DATA_OUT_FLAG;
	ioctl(-1, DM_TARGET_MSG, dm);
	strcpy(dm->data, "newname");
	ioctl(-1, DM_DEV_RENAME, dm);
}

static void dm_calls(void)
{
	struct dm_buf dm;

	memset(&dm, 0, sizeof(dm));
	dm.d.version[0] = DM_VERSION_MAJOR;
	dm.d.version[1] = 47;
	dm.d.data_size = sizeof(dm);
	dm.d.data_start = sizeof(struct dm_ioctl);
	strcpy(dm.d.name, "vg0");
	dm.d.flags = DM_READONLY_FLAG | 0x4 /* libdm's DM_EXISTS_FLAG */ | 1u << 30;
	dm.d.target_count = 1;
	dm.d.open_count = 2;
	dm.d.event_nr = 3;
	dm.d.dev = 0x801;
	ioctl(-1, DM_DEV_STATUS, &dm);
	ioctl(-1, DM_VERSION, &dm);
	ioctl(-1, DM_DEV_SUSPEND, &dm);
	ioctl(-1, DM_DEV_REMOVE, &dm);
	dm.d.flags = 0;
	dm_lists(&dm);
	dm_targets(&dm);
	dm.d.data_start = 4000; /* beyond data_size */
	ioctl(-1, DM_DEV_RENAME, &dm);
	dm.d.version[0] = 3;
	ioctl(-1, DM_DEV_STATUS, &dm);
	dm.d.version[0] = DM_VERSION_MAJOR;
	dm.d.data_size = 100;
	ioctl(-1, DM_DEV_STATUS, &dm);
}

static void sg_calls(void)
{
	unsigned char cmd[6] = { 0x12, 0, 0, 0, 36, 0 }, sense[32] = { 0x70 }, buf[36] = "ABCD";
	struct sg_io_hdr h = { .interface_id = 'S', .dxfer_direction = SG_DXFER_FROM_DEV,
			       .cmd_len = sizeof(cmd), .cmdp = cmd, .mx_sb_len = sizeof(sense),
			       .dxfer_len = sizeof(buf), .dxferp = buf, .sbp = sense,
			       .timeout = 5000, .sb_len_wr = 2, .resid = 4, .duration = 7,
			       .info = SG_INFO_CHECK, .status = 2 };

	ioctl(-1, SG_IO, &h);
	h.dxfer_direction = SG_DXFER_TO_DEV;
	h.flags = SG_FLAG_DIRECT_IO;
	ioctl(-1, SG_IO, &h);
}

/* Version 4 of SG_IO's header (the bsg driver's), a header of neither
 * version, and the driver's other requests. */
static void sg_more_calls(void)
{
	unsigned char cmd[6] = { 0x12, 0, 0, 0, 36, 0 }, sense[18] = { 0x70, 0, 5 }, buf[36] = "ABCD";
	struct sg_io_v4 h = { .guard = 'Q', .protocol = BSG_PROTOCOL_SCSI,
			      .subprotocol = BSG_SUB_PROTOCOL_SCSI_CMD, .request_len = sizeof(cmd),
			      .request = (uintptr_t)cmd, .max_response_len = sizeof(sense),
			      .response = (uintptr_t)sense, .response_len = 3,
			      .din_xfer_len = sizeof(buf), .din_xferp = (uintptr_t)buf, .din_resid = 4,
			      .timeout = 1000, .flags = BSG_FLAG_Q_AT_TAIL, .request_tag = 7,
			      .duration = 2, .info = SG_INFO_CHECK, .device_status = 2,
			      .generated_tag = 9 };
	struct sg_scsi_id id = { 1, 2, 3, 4, 5, 6, 7, { 0, 0 } };
	int other = 5, v = SG_SCSI_RESET_BUS | 0x100 /* NO_ESCALATE */;

	ioctl(-1, SG_IO, &h);
	ioctl(-1, SG_IO, &other);
	ioctl(-1, SG_GET_SCSI_ID, &id);
	ioctl(-1, SG_SCSI_RESET, &v);
	v = 9;
	ioctl(-1, SG_SCSI_RESET, &v);
	v = 32768;
	ioctl(-1, SG_SET_RESERVED_SIZE, &v);
	ioctl(-1, SG_GET_RESERVED_SIZE, &v);
	ioctl(-1, SG_SET_TRANSFORM, 3);
	ioctl(-1, SG_EMULATED_HOST, &v);
}

int main(void)
{
	evdev_calls();
	dm_calls();
	sg_calls();
	sg_more_calls();
	ioctl(-1, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	ioctl(-1, KVM_CHECK_EXTENSION, 100000);
	return 0;
}

/* ioctls of loop devices and /dev/loop-control (linux/loop.h): struct
 * loop_info64 (and the old struct loop_info) as strace shows them, abbreviated
 * unless -v, LOOP_CONFIGURE's struct loop_config, fds and numbers by value. */
#include "decode_ioctl_family.h"

#include <linux/loop.h>
#include <string.h>
#include <sys/sysmacros.h>

static const struct sg_flag flags[] = {
	SG_FLAG(LO_FLAGS_READ_ONLY), SG_FLAG(LO_FLAGS_AUTOCLEAR), SG_FLAG(LO_FLAGS_PARTSCAN),
	SG_FLAG(LO_FLAGS_DIRECT_IO), SG_FLAG_END,
};
static const struct sg_flag crypt_types[] = {
	SG_FLAG(LO_CRYPT_NONE),	    SG_FLAG(LO_CRYPT_XOR),   SG_FLAG(LO_CRYPT_DES),
	SG_FLAG(LO_CRYPT_FISH2),    SG_FLAG(LO_CRYPT_BLOW),  SG_FLAG(LO_CRYPT_CAST128),
	SG_FLAG(LO_CRYPT_IDEA),	    SG_FLAG(LO_CRYPT_DUMMY), SG_FLAG(LO_CRYPT_SKIPJACK),
	SG_FLAG(LO_CRYPT_CRYPTOAPI), SG_FLAG_END,
};

static void add_cstring(struct sg_str *out, const char *name, const void *s, size_t size)
{
	sg_field(out, ", ", name);
	sg_str_addc(out, '"');
	sg_str_add_escaped(out, s, strnlen(s, size));
	sg_str_addc(out, '"');
}

static void add_dev(struct sg_str *out, const char *sep, const char *name, uint64_t dev)
{
	sg_field(out, sep, name);
	sg_str_addf(out, "makedev(%#x, %#x)", major(dev), minor(dev));
}

/* The encryption key: its size's bytes, not a C string. */
static void add_key(struct sg_str *out, const unsigned char *key, unsigned size)
{
	sg_str_add(out, ", lo_encrypt_key=\"");
	sg_str_add_escaped(out, key, size < LO_KEY_SIZE ? size : LO_KEY_SIZE);
	sg_str_addc(out, '"');
}

static void add_hex_array(struct sg_str *out, const char *name, const unsigned long long *v,
			  size_t n)
{
	sg_field(out, ", ", name);
	for (size_t i = 0; i < n; i++)
		sg_str_addf(out, v[i] ? "%s%#llx" : "%s0", i ? ", " : "[", v[i]);
	sg_str_addc(out, ']');
}

static void add_info64(struct sg_dctx *d, const struct loop_info64 *i)
{
	bool whole = sg_unabbreviated(d);
	struct sg_str *out = d->out;

	if (whole) {
		add_dev(out, "{", "lo_device", i->lo_device);
		sg_str_addf(out, ", lo_inode=%llu", (unsigned long long)i->lo_inode);
		add_dev(out, ", ", "lo_rdevice", i->lo_rdevice);
		sg_str_addf(out, ", lo_offset=%#llx, lo_sizelimit=%llu, lo_number=%u",
			    (unsigned long long)i->lo_offset, (unsigned long long)i->lo_sizelimit,
			    i->lo_number);
	} else {
		sg_str_addf(out, "{lo_offset=%#llx, lo_number=%u", (unsigned long long)i->lo_offset,
			    i->lo_number);
	}
	if (whole || i->lo_encrypt_type != LO_CRYPT_NONE) {
		sg_field(out, ", ", "lo_encrypt_type");
		sg_print_xval(out, crypt_types, i->lo_encrypt_type, "LO_CRYPT_???");
		sg_str_addf(out, ", lo_encrypt_key_size=%u", i->lo_encrypt_key_size);
	}
	sg_field(out, ", ", "lo_flags");
	sg_print_flags_as(out, flags, i->lo_flags, "0", "LO_FLAGS_???");
	add_cstring(out, "lo_file_name", i->lo_file_name, sizeof(i->lo_file_name));
	if (whole || i->lo_encrypt_type != LO_CRYPT_NONE) {
		add_cstring(out, "lo_crypt_name", i->lo_crypt_name, sizeof(i->lo_crypt_name));
		add_key(out, i->lo_encrypt_key, i->lo_encrypt_key_size);
	}
	if (whole)
		add_hex_array(out, "lo_init", i->lo_init, 2);
	else
		sg_str_add(out, ", ...");
	sg_str_addc(out, '}');
}

static void print_info64(struct sg_dctx *d, uint64_t arg)
{
	struct loop_info64 i;

	if (sg_fetch(d, arg, &i, sizeof(i)) == 0)
		add_info64(d, &i);
}

static void print_info(struct sg_dctx *d, uint64_t arg)
{
	struct loop_info i;
	bool whole = sg_unabbreviated(d);
	struct sg_str *out = d->out;

	if (sg_fetch(d, arg, &i, sizeof(i)) < 0)
		return;
	sg_str_addf(out, "{lo_number=%d", i.lo_number);
	if (whole) {
		add_dev(out, ", ", "lo_device", i.lo_device);
		sg_str_addf(out, ", lo_inode=%lu", i.lo_inode);
		add_dev(out, ", ", "lo_rdevice", i.lo_rdevice);
	}
	sg_str_addf(out, ", lo_offset=%#x", (unsigned)i.lo_offset);
	if (whole || i.lo_encrypt_type != LO_CRYPT_NONE) {
		sg_field(out, ", ", "lo_encrypt_type");
		sg_print_xval(out, crypt_types, (unsigned)i.lo_encrypt_type, "LO_CRYPT_???");
		sg_str_addf(out, ", lo_encrypt_key_size=%u", (unsigned)i.lo_encrypt_key_size);
	}
	sg_field(out, ", ", "lo_flags");
	sg_print_flags_as(out, flags, (unsigned)i.lo_flags, "0", "LO_FLAGS_???");
	add_cstring(out, "lo_name", i.lo_name, sizeof(i.lo_name));
	if (whole || i.lo_encrypt_type != LO_CRYPT_NONE)
		add_key(out, i.lo_encrypt_key, (unsigned)i.lo_encrypt_key_size);
	if (whole) {
		unsigned long long init[2] = { i.lo_init[0], i.lo_init[1] };
		unsigned long long reserved[4];
		for (int k = 0; k < 4; k++)
			reserved[k] = (unsigned char)i.reserved[k];
		add_hex_array(out, "lo_init", init, 2);
		add_hex_array(out, "reserved", reserved, 4);
	} else {
		sg_str_add(out, ", ...");
	}
	sg_str_addc(out, '}');
}

static void print_config(struct sg_dctx *d, uint64_t arg)
{
	struct loop_config c;
	size_t k = 0;

	if (sg_fetch(d, arg, &c, sizeof(c)) < 0)
		return;
	sg_str_add(d->out, "{fd=");
	sg_print_fd(d, (int)c.fd);
	sg_str_addf(d->out, ", block_size=%u, info=", c.block_size);
	add_info64(d, &c.info);
	while (k < 8 && !c.__reserved[k])
		k++;
	if (k < 8)
		add_hex_array(d->out, "__reserved", c.__reserved, 8);
	sg_str_addc(d->out, '}');
}

static const struct sg_ioctl_printer rows[] = {
	{ LOOP_GET_STATUS, print_info, NULL, 0 },
	{ LOOP_SET_STATUS, print_info, NULL, 0 },
	{ LOOP_GET_STATUS64, print_info64, NULL, 0 },
	{ LOOP_SET_STATUS64, print_info64, NULL, 0 },
	{ LOOP_CONFIGURE, print_config, NULL, 0 },
	{ LOOP_CLR_FD, sg_ioctl_none, NULL, 0 },
	{ LOOP_SET_CAPACITY, sg_ioctl_none, NULL, 0 },
	{ LOOP_CTL_GET_FREE, sg_ioctl_none, NULL, 0 },
	{ LOOP_SET_FD, sg_ioctl_val_fd, NULL, 0 },
	{ LOOP_CHANGE_FD, sg_ioctl_val_fd, NULL, 0 },
	{ LOOP_CTL_ADD, sg_ioctl_val_d, NULL, 0 },
	{ LOOP_CTL_REMOVE, sg_ioctl_val_d, NULL, 0 },
	{ LOOP_SET_DIRECT_IO, sg_ioctl_val_u, NULL, 0 },
	{ LOOP_SET_BLOCK_SIZE, sg_ioctl_val_u, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_loop, rows);

/* errno and signal names, generated from the UAPI headers. */
#ifndef SG_CORE_NAMES_H
#define SG_CORE_NAMES_H

#define SG_ERRNO_MAX 520
#define SG_SIGNAL_MAX 32

extern const char *const sg_errno_table[SG_ERRNO_MAX];
extern const char *const sg_signal_table[SG_SIGNAL_MAX];

struct sg_name_value {
	unsigned long value;
	const char *name;
};
/* statfs's f_type values, sorted by value. */
extern const struct sg_name_value sg_fs_magic_table[];
extern const unsigned sg_fs_magic_count;
/* "EXT2_SUPER_MAGIC" for 0xef53, or NULL. */
const char *sg_fs_magic_name(unsigned long magic);

/* "ENOENT" for 2, or NULL. */
const char *sg_errno_name(int err);
/* Number for "ENOSPC" (or "28"), or -1. */
int sg_errno_by_name(const char *name);
/* strerror-like text that also covers the kernel's restart codes. */
const char *sg_errno_text(int err);
/* "SIGCHLD", "SIGRT_3" for real-time signals, or NULL. Writes into buf when needed. */
const char *sg_signal_name(int sig, char *buf, unsigned size);
/* Number for "SIGTERM", "TERM" or "15", or -1. */
int sg_signal_by_name(const char *name);

#endif

/* The program that runs on both guest systems: in ring 3 under the guest kernel
 * (guest/kernel, its calls are SYSCALLs), and linked with the library OS of the
 * unikernel (guest/unikernel, its calls are calls). The numbers are Linux's. */
#ifndef SG_GUEST_PROG_H
#define SG_GUEST_PROG_H

#include <stddef.h>
#include <stdint.h>

struct prog_time {
	int64_t sec, nsec;
};

long prog_write(int fd, const void *buf, size_t len);
long prog_getpid(void);
long prog_clock_gettime(int clock, struct prog_time *t);
_Noreturn void prog_exit(int code);
#define PROG_UTS_LEN 390 /* struct utsname: six fields of 65 bytes */
long prog_uname(char *uts);

/* The program: its arguments (space-separated) in, its exit code out. */
int prog_main(const char *args);

#endif

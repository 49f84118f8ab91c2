/* The guests' small library: hypercalls (src/vm/abi.h) and a few helpers. */
#ifndef SG_GUEST_H
#define SG_GUEST_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"

/* The guest's program: boot info in, exit code out. */
int guest_main(const struct sg_vm_boot_info *bi);

/* One hypercall: the argument struct's address to the port of nr. */
static inline void sg_hypercall(unsigned nr, void *args)
{
	__asm__ volatile("outl %0, %w1"
			 :
			 : "a"((uint32_t)(uintptr_t)args), "Nd"((uint16_t)(SG_VM_PIO_BASE + nr))
			 : "memory");
}

int64_t sg_write(const void *buf, size_t len);
void sg_puts(const char *s);
_Noreturn void sg_exit(int code);
size_t sg_strlen(const char *s);
/* A host system call through the forward hypercall (allowlisted by the monitor). */
int64_t sg_forward(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);
void sg_put_hex(uint64_t v);
void sg_put_dec(uint64_t v);

/* clock.c: the monitor's wall clock (a hypercall), and a clock read in the guest
 * (the TSC, calibrated by sg_clock_init): ns since the calibration, and wall. */
uint64_t sg_wall_ns(void);
void sg_clock_init(void);
uint64_t sg_clock_ns(void);
uint64_t sg_clock_wall_ns(void);

#endif

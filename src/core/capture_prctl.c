/* prctl's arguments mean something else for each option: which of them the kernel
 * writes, and what the decoder reads at each. The decoder (decode_prctl.c) and the
 * in-process capture both ask here. Freestanding, like capture.c. */
#include "capture.h"

#include <linux/prctl.h>
#include <linux/seccomp.h>

#define TASK_COMM_LEN 16
#define SOCK_FPROG_SIZE 16 /* struct sock_fprog: a length and a pointer */

/* The getters that write their answer through arg2. */
bool sg_prctl_arg_out(const uint64_t *args, int i)
{
	if (i != 1)
		return false;
	switch ((unsigned)args[0]) {
	case PR_GET_NAME: case PR_GET_PDEATHSIG: case PR_GET_TSC: case PR_GET_TID_ADDRESS:
	case PR_GET_CHILD_SUBREAPER: case PR_GET_ENDIAN: case PR_GET_FPEMU: case PR_GET_FPEXC:
	case PR_GET_UNALIGN:
		return true;
	default:
		return false;
	}
}

static struct sg_prctl_mem arg2_mem(unsigned option)
{
	switch (option) {
	case PR_SET_NAME: return (struct sg_prctl_mem){ TASK_COMM_LEN, true };
	case PR_GET_NAME: return (struct sg_prctl_mem){ TASK_COMM_LEN, false };
	case PR_GET_TID_ADDRESS: return (struct sg_prctl_mem){ 8, false };
	case PR_GET_PDEATHSIG: case PR_GET_TSC: case PR_GET_CHILD_SUBREAPER:
	case PR_GET_ENDIAN: case PR_GET_FPEMU: case PR_GET_FPEXC: case PR_GET_UNALIGN:
		return (struct sg_prctl_mem){ 4, false };
	default:
		return (struct sg_prctl_mem){ 0, false };
	}
}

struct sg_prctl_mem sg_prctl_arg_mem(const uint64_t *args, int i, int strsize)
{
	unsigned option = (unsigned)args[0];

	if (i == 1)
		return arg2_mem(option);
	if (i == 2 && option == PR_SET_SECCOMP && args[1] == SECCOMP_MODE_FILTER)
		return (struct sg_prctl_mem){ SOCK_FPROG_SIZE, false };
	if (i == 4 && option == PR_SET_VMA && args[1] == PR_SET_VMA_ANON_NAME)
		return (struct sg_prctl_mem){ (uint64_t)strsize + 1, true };
	return (struct sg_prctl_mem){ 0, false };
}

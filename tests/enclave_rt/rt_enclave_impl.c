/* The trusted half of the runtime test enclave: each function is a case of
 * tests/enclave_runtime.t. VARIANT changes the code, so the measurement. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rt_enclave.h"

/* Through a variable the compiler cannot see through, so it emits the load. */
volatile int *volatile crash_at = (volatile int *)16;

#ifndef VARIANT
#define VARIANT 1
#endif

int rt_enclave_echo(const void *data, size_t data_len, void *copy, size_t *copy_len)
{
	if (data_len > *copy_len)
		return -EMSGSIZE;
	memcpy(copy, data, data_len);
	*copy_len = data_len;
	return (int)data_len;
}

int rt_enclave_call_host(int n)
{
	int sum = 0, ret;
	static unsigned char big[32768];
	size_t len = sizeof(big);

	for (int i = 0; i < n; i++) {
		if (rt_ocall_add(&ret, i))
			return -1;
		sum += ret;
	}
	if (n > 0 && (rt_ocall_big(&ret, big, &len) || len != sizeof(big) || big[len - 1] != 7))
		return -2;
	return sum;
}

int rt_enclave_attempt(const char *what)
{
	if (strcmp(what, "open") == 0)
		return open("/etc/hostname", O_RDONLY);
	if (strcmp(what, "socket") == 0)
		return socket(AF_INET, SOCK_STREAM, 0);
	if (strcmp(what, "execve") == 0)
		return execl("/bin/true", "true", (char *)NULL);
	if (strcmp(what, "mmap-exec") == 0)
		return mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
		       MAP_FAILED;
	if (strcmp(what, "write") == 0)
		return (int)write(2, "x", 1);
	if (strcmp(what, "crash") == 0)
		return *crash_at; /* a NULL-page read: SIGSEGV */
	if (strcmp(what, "hang") == 0)
		for (;;)
			;
	if (strcmp(what, "malloc") == 0) { /* memory without exec is allowed */
		void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return p == MAP_FAILED ? -1 : munmap(p, 1 << 20);
	}
	return -EINVAL;
}

int rt_enclave_seal_it(const void *data, size_t data_len, void *blob, size_t *blob_len)
{
	return rt_rt()->seal(data, data_len, blob, *blob_len, blob_len);
}

int rt_enclave_unseal_it(const void *blob, size_t blob_len, void *data, size_t *data_len)
{
	return rt_rt()->unseal(blob, blob_len, data, *data_len, data_len);
}

int rt_enclave_measure_tag(void)
{
	return VARIANT;
}

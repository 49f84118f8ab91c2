/* The trusted half of the bench enclave. */
#include "ping_enclave.h"

int ping_enclave_ping(int x)
{
	return x + 1;
}

int ping_enclave_ocalls(int n)
{
	int sum = 0, ret = 0;

	for (int i = 0; i < n; i++) {
		if (ping_ocall_pong(&ret, i))
			return -1;
		sum += ret;
	}
	return sum;
}

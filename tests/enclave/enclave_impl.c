/* The trusted functions of tests/enclave/vault.idl, as an enclave's developer writes
 * them: they exercise every parameter kind and every OCALL. */
#include <errno.h>
#include <string.h>

#include "vault_enclave.h"

static void put_le32(unsigned char *p, unsigned v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> 8 * i);
}

/* Copies what fits but claims the whole length: past N the bridge must refuse. */
int vault_enclave_echo(const void *data, size_t data_len, void *copy, size_t *copy_len)
{
	memcpy(copy, data, data_len < *copy_len ? data_len : *copy_len);
	*copy_len = data_len;
	return (int)data_len;
}

/* o1: the string (up to 16 bytes); o2: a and b_len as little-endian 32-bit numbers. */
int vault_enclave_mix(int a, const char *s, const void *b, size_t b_len, void *o1,
		      size_t *o1_len, void *o2, size_t *o2_len)
{
	size_t n = strlen(s);

	if (!b || *o1_len != 16 || *o2_len != 8)
		return -EFAULT; /* the bridge broke its promises */
	*o1_len = n < 16 ? n : 16;
	memcpy(o1, s, *o1_len);
	put_le32(o2, (unsigned)a);
	put_le32((unsigned char *)o2 + 4, (unsigned)b_len);
	*o2_len = 8;
	return a + (int)n + (int)b_len;
}

void vault_enclave_ping(void)
{
	vault_ocall_tick();
}

int vault_enclave_sum(const void *blob, size_t blob_len)
{
	const unsigned char *p = blob;
	int sum = 0;

	for (size_t i = 0; i < blob_len; i++)
		sum += p[i];
	return sum;
}

/* Three OCALLs: note(who), lookup(who) and add(2, 3); reply = "hi " + the value. The
 * result is lookup's plus add's, or the first OCALL error. */
int vault_enclave_greet(const char *who, void *reply, size_t *reply_len)
{
	unsigned char value[64];
	size_t value_len = 1; /* the bridge sets it */
	int rc, found, sum;

	if (!vault_rt() || !vault_rt()->ocall)
		return -ENOSYS;
	if ((rc = vault_ocall_note(who)) ||
	    (rc = vault_ocall_lookup(&found, who, value, &value_len)) ||
	    (rc = vault_ocall_add(&sum, 2, 3)))
		return rc;
	if (value_len > sizeof(value))
		return -EFAULT;
	memcpy(reply, "hi ", 3);
	if (value_len > *reply_len - 3)
		value_len = *reply_len - 3;
	memcpy((char *)reply + 3, value, value_len);
	*reply_len = 3 + value_len;
	return found + sum;
}

/* Parameters named like the bridge's own variables and like C library functions. */
int vault_enclave_nasty(int ret, int e, const void *len, size_t len_len, const char *req,
			void *resp, size_t *resp_len, int free, int memcpy, int fn, int cap)
{
	unsigned char *r = resp;

	r[0] = (unsigned char)ret;
	r[1] = (unsigned char)e;
	r[2] = len_len ? *(const unsigned char *)len : 0;
	r[3] = (unsigned char)req[0];
	*resp_len = 4;
	return ret + e + (int)len_len + (int)strlen(req) + free + memcpy + fn + cap;
}

/* sysgate enclave: an enclave runtime in simulation mode that enforces the boundary
 * in software (docs/enclave.md).
 *
 * An enclave is a shared object of trusted code. The host loads it with
 * sg_enclave_create(): a separate process (a fork of the host, so no memory is
 * shared but one call buffer) dlopens it and then runs under a seccomp filter that
 * allows only what the call channel needs; any other system call ends the enclave
 * and the pending call fails with "enclave attempted syscall NAME".
 *
 * Calls cross as bytes only: the bridge code generated from an interface file
 * (`sysgate enclave gen IFACE`) marshals arguments by copy into a request and
 * results by copy out of a response; no pointer crosses. Wire format of requests
 * and responses (little endian), per parameter in declaration order:
 *   in int            4 bytes
 *   in bytes / string u32 length, then the bytes (a string's length counts no NUL)
 *   out bytes[N]      (response only) u32 length <= N, then the bytes
 * and a response starts with the function's int result (4 bytes; 0 for void).
 *
 * Every function returns 0 or a negative errno; sg_enclave_error() then names the
 * problem in one line.
 */
#ifndef SG_ENCLAVE_ENCLAVE_H
#define SG_ENCLAVE_ENCLAVE_H

#include <stddef.h>
#include <stdint.h>

/* Largest request or response, in bytes. */
#define SG_ENCLAVE_MSG_MAX (64 * 1024)

/* ---- host side ---- */
struct sg_enclave;

enum {
	SG_ENCLAVE_SWITCHLESS = 1, /* calls by polling shared memory, no kernel transition */
};

/* The host's side of OCALLs: run untrusted function fn on req, write the response
 * (at most cap bytes) to resp and its size to *len. Returns 0, or a negative errno
 * that fails the OCALL (the enclave sees it as the call's error). */
typedef int (*sg_ocall_fn)(unsigned fn, const void *req, size_t req_len, void *resp,
			   size_t cap, size_t *len, void *ctx);

struct sg_enclave_opts {
	unsigned flags; /* SG_ENCLAVE_* */
	sg_ocall_fn ocall; /* NULL: the enclave has no OCALLs */
	void *ocall_ctx;
	const uint8_t *root_key; /* 32 bytes the sealing keys derive from; NULL: all zero */
	unsigned timeout_ms; /* a call not done by then kills the enclave; 0: 10 s */
};

/* Load the enclave at path. */
int sg_enclave_create(const char *path, const struct sg_enclave_opts *o,
		      struct sg_enclave **out);
/* ECALL trusted function fn with a marshalled request; the response is copied to
 * resp (cap bytes) and its size to *len. OCALLs made meanwhile run on this thread.
 * Not for concurrent use: one call at a time per enclave. */
int sg_enclave_ecall(struct sg_enclave *e, unsigned fn, const void *req, size_t req_len,
		     void *resp, size_t cap, size_t *len);
/* The enclave's measurement (SHA-256 of its code and read-only data). */
const uint8_t *sg_enclave_measurement(const struct sg_enclave *e);
/* Where the loader and the enclaves built with sysgate are: beside this program,
 * or in ../lib/sysgate from it (installed), if sg-enclave-loader is there; else
 * the build tree this was built from. */
const char *sg_enclave_dir(void);
/* The enclave process (to pin it to a CPU, say). */
int sg_enclave_pid(const struct sg_enclave *e);
/* The last error, one line ("enclave attempted syscall openat"). */
const char *sg_enclave_error(const struct sg_enclave *e);
/* End the enclave process and free e. A later call through e (or a second destroy)
 * is recognised and fails with -EBADF instead of touching freed memory. */
void sg_enclave_destroy(struct sg_enclave *e);

/* ---- enclave side: what the runtime gives the trusted code ---- */
struct sg_enclave_rt {
	/* OCALL untrusted function fn (same conventions as the host's sg_ocall_fn). */
	int (*ocall)(unsigned fn, const void *req, size_t req_len, void *resp, size_t cap,
		     size_t *len);
	/* Seal: AES-256-GCM under a key derived from the root key and this enclave's
	 * measurement; out gets SG_SEAL_OVERHEAD more bytes than in. */
	int (*seal)(const void *in, size_t len, void *out, size_t cap, size_t *out_len);
	/* Unseal what seal made, by this same enclave; -EBADMSG if it was not, or was
	 * changed. */
	int (*unseal)(const void *in, size_t len, void *out, size_t cap, size_t *out_len);
	/* Random bytes (the RDRAND analog). */
	int (*random)(void *buf, size_t len);
};

#define SG_SEAL_OVERHEAD (12 + 16) /* nonce and tag */

/* Exported by every enclave (the generated enclave bridge defines both):
 *   void sg_enclave_init(const struct sg_enclave_rt *rt);
 *   int  sg_enclave_dispatch(unsigned fn, const void *req, size_t req_len,
 *                            void *resp, size_t cap, size_t *len);
 * dispatch returns 0 with the response written, or a negative errno (-ENOSYS for
 * an unknown fn, -EMSGSIZE for a request that does not parse). */
#define SG_ENCLAVE_INIT_SYM "sg_enclave_init"
#define SG_ENCLAVE_DISPATCH_SYM "sg_enclave_dispatch"

/* ---- the `sysgate enclave` subcommand ---- */
int sg_cmd_enclave(int argc, char **argv);
/* Remove what an enclave demo killed outright left in /tmp (its vault directory). */
void sg_enclave_recover(void);

#endif

/* Internal to src/enclave: the one page set shared by the host and the enclave
 * process (a memfd mapped by both), and the call protocol over it.
 *
 * Calls are synchronous, one at a time, in one buffer:
 *   host:    request in buf, state ECALL          -> enclave runs the function
 *   enclave: request in buf, state OCALL          -> host runs it, state OCALL_DONE
 *   enclave: response in buf, state ECALL_DONE    -> host copies it, state IDLE
 * Each side waits for its turn on the state word: with futex wait/wake (a kernel
 * transition each way), or switchless by polling it (no system call at all). */
#ifndef SG_ENCLAVE_CHANNEL_H
#define SG_ENCLAVE_CHANNEL_H

#include <stdint.h>

#include "enclave.h"

enum sg_chan_state {
	SG_CH_BOOT, /* the loader has not finished */
	SG_CH_IDLE,
	SG_CH_ECALL,
	SG_CH_OCALL,
	SG_CH_OCALL_DONE,
	SG_CH_ECALL_DONE,
	SG_CH_DEAD, /* the enclave stopped: fault_nr or error says why */
};

struct sg_channel {
	uint32_t state; /* enum sg_chan_state; the futex word */
	uint32_t switchless;
	uint32_t fn;
	int32_t status; /* the call's result: 0 or a negative errno */
	uint32_t len; /* bytes used in buf */
	int32_t fault_nr; /* the system call the enclave attempted, or -1 */
	uint8_t measurement[32]; /* computed by the loader from the file it loaded */
	uint8_t root_key[32];
	char error[256]; /* the loader's one-line error, if it failed to start */
	uint8_t buf[SG_ENCLAVE_MSG_MAX];
};

#endif

/* Names of socket option levels and of each level's options, generated from the
 * kernel's UAPI headers by scripts/gen-sockopts.py (sockopt_names.c). */
#ifndef SG_CORE_SOCKOPT_NAMES_H
#define SG_CORE_SOCKOPT_NAMES_H

#include "decode_int.h"

/* The option names of one level; setsockopt and getsockopt can spell a number
 * differently (SO_ATTACH_FILTER, SO_GET_FILTER). */
struct sg_sockopt_level {
	long long level; /* -1 ends the list */
	const struct sg_flag *set_names;
	const struct sg_flag *get_names;
	const char *unknown; /* "SO_???": how a number with no name is marked */
};

/* SOL_IP, SOL_SOCKET...: the level names. */
extern const struct sg_flag *const sg_sol_names;
extern const struct sg_sockopt_level sg_sockopt_levels[];

#endif

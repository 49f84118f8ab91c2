/* The names prctl's decoder prints, generated from the kernel's UAPI headers by
 * scripts/gen-prctl.py (src/core/prctl_names.c). */
#ifndef SG_CORE_PRCTL_NAMES_H
#define SG_CORE_PRCTL_NAMES_H

#include "decode_int.h"

extern const struct sg_flag sg_prctl_options[];
extern const struct sg_flag sg_prctl_set_mm[];
extern const struct sg_flag sg_prctl_cap_ambient[];
extern const struct sg_flag sg_prctl_mce_kill[];
extern const struct sg_flag sg_prctl_mce_kill_policy[];
extern const struct sg_flag sg_prctl_tsc[];
extern const struct sg_flag sg_prctl_unalign[];
extern const struct sg_flag sg_prctl_fp_mode[];
extern const struct sg_flag sg_prctl_spec_cmd[];
extern const struct sg_flag sg_prctl_spec_flags[];
extern const struct sg_flag sg_prctl_set_vma[];
extern const struct sg_flag sg_prctl_sve_vl_flags[];
extern const struct sg_flag sg_prctl_sme_vl_flags[];
extern const struct sg_flag sg_prctl_pac_keys[];
extern const struct sg_flag sg_prctl_sys_dispatch[];
extern const struct sg_flag sg_prctl_sched_core[];
extern const struct sg_flag sg_capabilities[];
extern const struct sg_flag sg_securebits[];
extern const struct sg_flag sg_seccomp_modes[];

#endif

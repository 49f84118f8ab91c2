/* The shapes of argument memory (sg_capture_arg_shape, capture.h), as plain
 * constants: the eBPF backend's program in the kernel reads them too. */
#ifndef SG_CORE_CAPTURE_SHAPE_H
#define SG_CORE_CAPTURE_SHAPE_H

/* A string of at most max bytes (its NUL included); len bytes; as many bytes as
 * the next argument says, or the result (at most max); an array of strings
 * (argv: its pointers, each string at most max bytes); an array of pointers
 * (envp, counted). */
enum sg_shape_how {
	SG_SHAPE_NONE,
	SG_SHAPE_STRING,
	SG_SHAPE_FIXED,
	SG_SHAPE_NEXT_ARG_LEN,
	SG_SHAPE_RET_LEN,
	SG_SHAPE_STRINGS,
	SG_SHAPE_POINTERS,
	SG_SHAPE_FIXED_IF_RET, /* len bytes when the result is positive (wait4's status) */
	SG_SHAPE_FIXED_PAST,   /* len bytes max bytes past the address (a signal frame's mask) */
	/* as many elements of len bytes as the next argument says, when that is at
	 * most max (poll's array); none otherwise */
	SG_SHAPE_COUNTED,
};

#endif

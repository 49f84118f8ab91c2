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
	/* struct iovec[n], n the next argument (at most SG_SHAPE_IOVEC_MAX), and
	 * each buffer's first max bytes; len 1: the buffers hold, in all, only as
	 * many bytes as the result (a read's) */
	SG_SHAPE_IOVEC,
	/* struct msghdr: itself, its name, its iovec array and the buffers (as
	 * SG_SHAPE_IOVEC's, up to max of them unless shown whole; a netlink
	 * message's to SG_SHAPE_NETLINK_MAX), its control messages */
	SG_SHAPE_MSGHDR,
};
#define SG_SHAPE_MSGHDR_SIZE 56
#define SG_SHAPE_SOCKADDR_MAX 128 /* sizeof(struct sockaddr_storage) */
#define SG_SHAPE_NETLINK_MAX 65536
#define SG_SHAPE_CONTROL_MAX 65536
#define SG_SHAPE_IOVEC_MAX 1024

#endif

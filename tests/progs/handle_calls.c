/* File handles: name_to_handle_at with room for the handle, with none
 * (EOVERFLOW: the kernel says how much it needs), on a missing path and with
 * unnamed flag bits, then open_by_handle_at of the handle it got. With "null",
 * also a NULL handle (EFAULT; not under --backend rewrite, whose page 0 the
 * kernel can read). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct file_handle *h = malloc(sizeof(*h) + MAX_HANDLE_SZ);
	int mount_id, fd;

	if (!h)
		return 1;
	h->handle_bytes = MAX_HANDLE_SZ;
	name_to_handle_at(AT_FDCWD, "/", h, &mount_id, 0);
	fd = open_by_handle_at(AT_FDCWD, h, O_RDONLY | O_DIRECTORY);
	h->handle_bytes = 0;
	name_to_handle_at(AT_FDCWD, "/", h, &mount_id, AT_SYMLINK_FOLLOW);
	name_to_handle_at(-1, "/nonexistent", h, &mount_id, AT_EMPTY_PATH | 0x4000);
	if (argc > 1 && strcmp(argv[1], "null") == 0)
		name_to_handle_at(AT_FDCWD, "/", NULL, &mount_id, 0);
	if (fd >= 0)
		close(fd);
	free(h);
	return 0;
}

/* Statically linked: no dynamic loader, so no LD_PRELOAD; trace --backend auto
 * must fall back to ptrace for it. */
#include <unistd.h>

int main(void)
{
	return write(1, "static\n", 7) == 7 ? 0 : 1;
}

/* trace -k: one write three calls deep, main -> outer -> inner -> write, each in
 * its own frame (not inlined, not a tail call) so that an unwinder finds them.
 *   stack_calls          the write
 *   stack_calls anon     then getppid from a call made by code in an anonymous
 *                        mapping: a frame that no object covers
 *   stack_calls late LIB then getppid from LIB (tests/progs/lib/late.c), mapped
 *                        after start: the unwinder must see the new code
 *   stack_calls signal   then raise SIGUSR1, whose handler calls getppid: the
 *                        unwinder must pass the signal frame back to raise */
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

__attribute__((noinline)) static void inner(const char *s)
{
	write(1, s, strlen(s));
	__asm__ volatile(""); /* keeps the call to write from being a tail call */
}

__attribute__((noinline)) static void outer(const char *s)
{
	inner(s);
	__asm__ volatile("");
}

/* sub $8,%rsp; movabs $getppid,%rax; call *%rax; add $8,%rsp; ret */
static int call_from_anon(void)
{
	static const uint8_t head[] = { 0x48, 0x83, 0xec, 0x08, 0x48, 0xb8 };
	static const uint8_t tail[] = { 0xff, 0xd0, 0x48, 0x83, 0xc4, 0x08, 0xc3 };
	uintptr_t fn = (uintptr_t)&getppid;
	uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (code == MAP_FAILED)
		return 1;
	memcpy(code, head, sizeof(head));
	memcpy(code + sizeof(head), &fn, sizeof(fn));
	memcpy(code + sizeof(head) + sizeof(fn), tail, sizeof(tail));
	((void (*)(void))code)();
	return 0;
}

static int call_late(const char *lib)
{
	void *h = dlopen(lib, RTLD_NOW);
	long (*late_getppid)(void) = h ? (long (*)(void))dlsym(h, "late_getppid") : NULL;

	if (!late_getppid)
		return 1;
	late_getppid();
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
	getppid();
	__asm__ volatile("");
}

static int call_from_handler(void)
{
	signal(SIGUSR1, on_usr1);
	return raise(SIGUSR1);
}

int main(int argc, char **argv)
{
	outer("stack\n");
	if (argc > 1 && strcmp(argv[1], "anon") == 0)
		return call_from_anon();
	if (argc > 2 && strcmp(argv[1], "late") == 0)
		return call_late(argv[2]);
	if (argc > 1 && strcmp(argv[1], "signal") == 0)
		return call_from_handler();
	return 0;
}

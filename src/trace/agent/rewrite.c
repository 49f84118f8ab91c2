/* The rewrite backend (the zpoline idea): a `syscall` instruction (0f 05) becomes
 * `call *%rax` (ff d0). rax holds the syscall number, so the call lands in page 0
 * on a sled that leads to a jump to sg_rw_entry. Sites are found as they
 * run: the first time a site executes it traps through Syscall User Dispatch, and
 * the handler rewrites it, so code that appears later (dlopen, JIT) is covered as
 * surely as the rest, and only real instructions are ever rewritten. */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* The whole page: a sled for every value rax may hold below 3968 (syscall numbers
 * and anything a program passes to syscall(2)), nops where its last jumps land,
 * and the jump to the agent at the end. */
#define SLED_LEN (4096 - 128)
#define LANDING 96
#define SITES 4096   /* rewritten sites this process remembers (power of two): 32 KiB */
#define MAPS_MAX 256

static uint64_t sites[SITES];
static int nsites;
static uint64_t vdso;

/* Executable mappings and their protection, from /proc/self/maps. */
struct xmap {
	uint64_t start, end;
	int prot;
};
static struct xmap maps[MAPS_MAX];
static int nmaps;
static volatile int lock;

int rewrite_init(void)
{
	long m = sg_raw_syscall6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m != 0) {
		if (m > 0)
			sg_sys(SYS_munmap, m, 4096, 0);
		return -1;
	}
	uint8_t *t = (uint8_t *)0;
	/* The compiler may not be told to write at address 0 directly. */
	__asm__ volatile("" : "+r"(t));
	/* Not a run of 512 nops: "eb 48" repeated. Entered at an even address it is
	 * jmp +72; at an odd one, "48 eb 48" is the same jump with an (ignored) REX
	 * prefix. Either way it hops ~74 bytes at a time, at most 7 hops, into the
	 * nops of the landing zone, which slide into the code below. */
	for (int i = 0; i < SLED_LEN; i++)
		t[i] = i % 2 ? 0x48 : 0xeb;
	memset(t + SLED_LEN, 0x90, LANDING);
	uint8_t *c = t + SLED_LEN + LANDING;
	static const uint8_t lea[] = { 0x48, 0x8d, 0x64, 0x24, 0x80 }; /* lea -128(%rsp),%rsp */
	memcpy(c, lea, sizeof(lea));
	c[5] = 0x49; /* movabs $sg_rw_entry, %r11 */
	c[6] = 0xbb;
	uint64_t target = (uint64_t)sg_rw_entry;
	memcpy(c + 7, &target, 8);
	c[15] = 0x41; /* jmp *%r11 */
	c[16] = 0xff;
	c[17] = 0xe3;
	if (sg_sys(SYS_mprotect, 0, 4096, PROT_READ | PROT_EXEC) < 0)
		return -1;
	vdso = getauxval(AT_SYSINFO_EHDR);
	return 0;
}

/* The program changed its mappings: protections cached for a range it touched
 * are no longer to be trusted (a JIT flipping a page between RW and RX). */
void rewrite_note_mapping(long nr, const uint64_t *a)
{
	uint64_t lo = a[0], hi = a[0] + a[1];

	if (sg_agent.backend != SG_BACKEND_REWRITE)
		return;
	for (int i = 0; i < nmaps; i++)
		if (lo < maps[i].end && hi > maps[i].start) {
			nmaps = 0;
			return;
		}
	(void)nr;
}

static uint64_t hash(uint64_t a)
{
	return (a * 0x9E3779B97F4A7C15ull) >> 52; /* 12 bits */
}

bool rewrite_is_site(uint64_t site)
{
	for (uint64_t i = hash(site), k = 0; k < SITES; i = (i + 1) & (SITES - 1), k++) {
		uint64_t v = __atomic_load_n(&sites[i], __ATOMIC_ACQUIRE);
		if (v == site)
			return true;
		if (!v)
			return false;
	}
	return false;
}

static bool remember(uint64_t site)
{
	if (nsites >= SITES / 2)
		return false;
	for (uint64_t i = hash(site);; i = (i + 1) & (SITES - 1)) {
		if (sites[i] == site)
			return true;
		if (!sites[i]) {
			__atomic_store_n(&sites[i], site, __ATOMIC_RELEASE);
			nsites++;
			return true;
		}
	}
}

static uint64_t hex(const char **p)
{
	uint64_t v = 0;

	for (;; (*p)++) {
		char c = **p;
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return v;
		v = v << 4 | (uint64_t)d;
	}
}

static void load_maps(void)
{
	static char buf[65536];
	long fd = sg_raw_syscall6(SYS_openat, AT_FDCWD, (long)"/proc/self/maps", O_RDONLY, 0, 0, 0);
	long len = 0, n;

	nmaps = 0;
	if (fd < 0)
		return;
	while (len < (long)sizeof(buf) - 1 &&
	       (n = sg_sys(SYS_read, fd, (long)buf + len, (long)sizeof(buf) - 1 - len)) > 0)
		len += n;
	sg_sys(SYS_close, fd, 0, 0);
	buf[len] = 0;
	for (const char *p = buf; *p && nmaps < MAPS_MAX;) {
		struct xmap m;
		m.start = hex(&p);
		p++;
		m.end = hex(&p);
		p++;
		m.prot = (p[0] == 'r' ? PROT_READ : 0) | (p[1] == 'w' ? PROT_WRITE : 0) |
			 (p[2] == 'x' ? PROT_EXEC : 0);
		if (m.prot & PROT_EXEC)
			maps[nmaps++] = m;
		while (*p && *p != '\n')
			p++;
		if (*p)
			p++;
	}
}

static int prot_of(uint64_t addr)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < nmaps; i++)
			if (addr >= maps[i].start && addr < maps[i].end)
				return maps[i].prot;
		load_maps(); /* a mapping made since the last look */
	}
	return -1;
}

void rewrite_site(uint64_t ip)
{
	uint64_t site = ip - 2;
	volatile uint16_t *insn = (volatile uint16_t *)site;

	/* One aligned-enough 16-bit store must replace the instruction, so that another
	 * thread running it sees the old or the new one, never half; the agent's own
	 * code and the vDSO stay as they are. */
	if ((site & 63) == 63 || (site >= vdso && site < vdso + 4 * 4096) ||
	    (site >= (uint64_t)sg_exempt_start && site < (uint64_t)sg_rw_entry + 4096))
		return;
	/* Busy (another thread, or a handler that interrupted this one): the site
	 * traps again next time and is rewritten then. */
	if (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
		return;
	int prot = prot_of(site);
	uint64_t page = site & ~4095ull;
	if (prot >= 0 && *insn == 0x050f && remember(site)) {
		bool w = prot & PROT_WRITE;
		if (w || sg_sys(SYS_mprotect, (long)page, 4096, prot | PROT_WRITE) == 0) {
			*insn = 0xd0ff;
			if (!w)
				sg_sys(SYS_mprotect, (long)page, 4096, prot);
		}
	}
	__atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

/* Called from sg_rw_entry. */
AGENT_HIDDEN long agent_rw_syscall(struct sg_regs *r);
long agent_rw_syscall(struct sg_regs *r)
{
	/* Page 0 is reachable by a call through a null function pointer too: that
	 * must still crash, not become a system call. */
	if (!rewrite_is_site(r->rip - 2)) {
		uint64_t dfl[4] = { 0 };
		long pid = sg_sys(SYS_getpid, 0, 0, 0);
		sg_raw_syscall6(SYS_rt_sigaction, SIGSEGV, (long)dfl, 0, 8, 0, 0);
		for (;;)
			sg_sys(SYS_tgkill, pid, agent_tid(), SIGSEGV);
	}
	long ret = agent_syscall(r);
	agent_inject_raise(false); /* -e inject=...:signal= */
	return ret;
}

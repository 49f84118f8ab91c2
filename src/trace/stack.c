/* -k: unwinding a thread's user-space stack with libdw's Dwfl, and naming each
 * frame by the object mapped there and the symbol that covers it. */
#include "stack.h"

#include <elf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/proc_status.h"
#include "core/decode.h"
#include "core/util.h"
#include "trace_int.h"

/* What strace prints when a frame's address is in no mapped object. */
#define UNWIND_ERROR "unexpected_backtracing_error"

/* The modules of one process, and the view being unwound in it. */
struct stack_proc {
	pid_t pid;
	Dwfl *dwfl;  /* NULL: not read yet, or dropped since */
	bool failed; /* reading its modules failed: try again only after a change */
	/* Where its program's dynamic loader lies (stacks_in_loader); known once
	 * asked for, until an exec. lo == hi: none (a static program). */
	bool loader_known;
	uint64_t loader_lo, loader_hi;
	const struct stack_view *view;
};

/* Which process a thread is in. */
struct stack_thread {
	pid_t tid, pid;
};

/* A symbol found, by object and offset in it. */
struct sym_memo {
	char *object; /* NULL: a free entry */
	uint64_t offset;
	char *symbol; /* NULL: none covers it */
	uint64_t sym_off;
};

struct trace_stacks {
	bool sites; /* stacks_new's */
	const Dwfl_Callbacks *callbacks; /* proc_callbacks, or sites_callbacks */
	struct stack_proc **procs;
	int nprocs, cap_procs;
	struct stack_thread *threads;
	int nthreads, cap_threads;
	/* libdw scans an object's whole symbol table for each address it names,
	 * and unwound calls come back to the same few sites: what it found, kept
	 * across processes and reloads of their modules (an object's symbols stay
	 * what they are). Open addressing, a power of two, at most half full. */
	struct sym_memo *memo;
	size_t nmemo, cap_memo;
};

/* An object's ELF file, read once for the run. libelf counts an Elf's users:
 * each process's module of it takes a reference instead of opening, mapping and
 * parsing the file again (and unmapping it when the module goes, at every
 * change of the process's code). Known by path, device, inode, size and
 * modification time, so a file replaced is read anew. */
struct elf_kept {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	int fd;
	Elf *elf;
};

#define ELF_KEPT_MAX 256

static struct elf_kept elf_kept[ELF_KEPT_MAX];
static int n_elf_kept;

static struct elf_kept *elf_keep(const char *path, const struct stat *st)
{
	for (int i = 0; i < n_elf_kept; i++) {
		struct elf_kept *k = &elf_kept[i];
		if (k->ino == st->st_ino && k->dev == st->st_dev && k->size == st->st_size &&
		    k->mtime.tv_sec == st->st_mtim.tv_sec &&
		    k->mtime.tv_nsec == st->st_mtim.tv_nsec && strcmp(k->path, path) == 0)
			return k;
	}
	if (n_elf_kept == ELF_KEPT_MAX)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* As libdwfl opens a module's file itself. */
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP_PRIVATE, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		elf_end(elf);
		close(fd);
		return NULL;
	}
	struct elf_kept *k = &elf_kept[n_elf_kept++];
	*k = (struct elf_kept){ sg_xstrdup(path), st->st_dev, st->st_ino, st->st_size,
				st->st_mtim, fd, elf };
	return k;
}

static void elf_kept_free(void)
{
	for (int i = 0; i < n_elf_kept; i++) {
		elf_end(elf_kept[i].elf);
		close(elf_kept[i].fd);
		free(elf_kept[i].path);
	}
	n_elf_kept = 0;
}

/* libdwfl's find_elf: a regular file's kept Elf, one more reference to it
 * (the module ends it); anything else as dwfl_linux_proc_find_elf finds it. */
static int find_kept_elf(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr base,
			 char **file_name, Elf **elfp)
{
	struct stat st;
	struct elf_kept *k = NULL;

	if (name[0] == '/' && stat(name, &st) == 0 && S_ISREG(st.st_mode))
		k = elf_keep(name, &st);
	if (!k)
		return dwfl_linux_proc_find_elf(mod, userdata, name, base, file_name, elfp);
	*elfp = elf_begin(-1, ELF_C_READ_MMAP_PRIVATE, k->elf);
	*file_name = sg_xstrdup(name);
	return -1; /* no fd of the module's own: the kept one stays open */
}

static char *debuginfo_path;

static const Dwfl_Callbacks proc_callbacks = {
	.find_elf = find_kept_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

/* No separate debug file: an object's own unwind tables and symbols. */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			Dwarf_Addr base, const char *file_name, const char *debuglink_file,
			GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file_name;
	(void)debuglink_file, (void)debuglink_crc, (void)debuginfo_file_name;
	return -1;
}

static const Dwfl_Callbacks sites_callbacks = {
	.find_elf = find_kept_elf,
	.find_debuginfo = no_debuginfo,
};

struct trace_stacks *stacks_new(bool sites)
{
	struct trace_stacks *s = sg_xcalloc(1, sizeof(struct trace_stacks));

	s->sites = sites;
	s->callbacks = sites ? &sites_callbacks : &proc_callbacks;
	return s;
}

static void proc_drop_modules(struct stack_proc *p)
{
	if (p->dwfl)
		dwfl_end(p->dwfl);
	p->dwfl = NULL;
	p->failed = false;
}

void stacks_free(struct trace_stacks *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nprocs; i++) {
		proc_drop_modules(s->procs[i]);
		free(s->procs[i]);
	}
	free(s->procs);
	free(s->threads);
	for (size_t i = 0; i < s->cap_memo; i++) {
		free(s->memo[i].object);
		free(s->memo[i].symbol);
	}
	free(s->memo);
	free(s);
	elf_kept_free();
}

static pid_t process_of(struct trace_stacks *s, pid_t tid)
{
	for (int i = 0; i < s->nthreads; i++)
		if (s->threads[i].tid == tid)
			return s->threads[i].pid;
	pid_t pid = sg_proc_status_field(tid, "Tgid", 0);
	if (!pid)
		return tid;
	if (s->nthreads == s->cap_threads) {
		s->cap_threads = s->cap_threads ? 2 * s->cap_threads : 16;
		s->threads = sg_xrealloc(s->threads, sizeof(*s->threads) * (size_t)s->cap_threads);
	}
	s->threads[s->nthreads++] = (struct stack_thread){ tid, pid };
	return pid;
}

static struct stack_proc *find_proc(struct trace_stacks *s, pid_t pid, bool add)
{
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i]->pid == pid)
			return s->procs[i];
	if (!add)
		return NULL;
	if (s->nprocs == s->cap_procs) {
		s->cap_procs = s->cap_procs ? 2 * s->cap_procs : 8;
		s->procs = sg_xrealloc(s->procs, sizeof(*s->procs) * (size_t)s->cap_procs);
	}
	/* Allocated one by one: libdw keeps a pointer to each. */
	struct stack_proc *p = sg_xcalloc(1, sizeof(*p));
	p->pid = pid;
	s->procs[s->nprocs++] = p;
	return p;
}

/* libdw's thread callbacks. Only the thread of the view is ever asked for. */
static pid_t next_thread(Dwfl *dwfl, void *dwfl_arg, void **thread_argp)
{
	(void)dwfl, (void)dwfl_arg, (void)thread_argp;
	return 0; /* threads are never listed, only asked for by tid */
}

static bool get_thread(Dwfl *dwfl, pid_t tid, void *dwfl_arg, void **thread_argp)
{
	struct stack_proc *p = dwfl_arg;

	(void)dwfl;
	if (!p->view || p->view->tid != tid)
		return false;
	*thread_argp = (void *)p->view;
	return true;
}

/* One word of the thread's memory: from the copy of its stack, else from the
 * process when that is allowed (see stack.h). */
static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *dwfl_arg)
{
	const struct stack_view *v = ((struct stack_proc *)dwfl_arg)->view;
	uint64_t sp = v->regs[STACK_REG_SP];

	if (addr >= sp && addr - sp <= v->len && v->len - (addr - sp) >= sizeof(*result)) {
		memcpy(result, v->mem + (addr - sp), sizeof(*result));
		return true;
	}
	if (!v->live && !dwfl_addrmodule(dwfl, addr))
		return false; /* the stack has moved on since the copy */
	return sg_mem_read(v->pid, addr, result, sizeof(*result)) == sizeof(*result);
}

static bool set_initial_registers(Dwfl_Thread *thread, void *thread_arg)
{
	const struct stack_view *v = thread_arg;
	Dwarf_Word regs[STACK_NREGS];

	for (int i = 0; i < STACK_NREGS; i++)
		regs[i] = v->regs[i];
	dwfl_thread_state_register_pc(thread, regs[STACK_REG_IP]);
	return dwfl_thread_state_registers(thread, 0, STACK_NREGS, regs);
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
	.next_thread = next_thread,
	.get_thread = get_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
};

/* The process's modules as /proc/PID/maps shows them now. */
static int read_modules(const struct trace_stacks *s, struct stack_proc *p)
{
	Dwfl *dwfl = dwfl_begin(s->callbacks);

	if (!dwfl)
		return -ENOMEM;
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, p->pid) != 0 || dwfl_report_end(dwfl, NULL, NULL) != 0 ||
	    !dwfl_attach_state(dwfl, NULL, p->pid, &thread_callbacks, p)) {
		dwfl_end(dwfl);
		return -ESRCH;
	}
	p->dwfl = dwfl;
	return 0;
}

struct walk {
	struct trace_stacks *stacks;
	Dwfl *dwfl;
	struct sg_stack *stack;
	uint64_t app_restorer; /* stack_view's */
	/* Sites: the first frame's symbol, when it was left for later (add_frame). */
	Dwfl_Module *first_mod;
	Dwarf_Addr first_at;
};

/* A symbol's name without its version ("__libc_start_main@@GLIBC_2.34"), as the
 * dynamic symbol table names it; NULL for none. */
static const char *plain_name(const char *name, char *buf, size_t size)
{
	const char *at = name ? strchr(name, '@') : NULL;

	if (!name || !*name)
		return NULL;
	if (!at || (size_t)(at - name) >= size)
		return name;
	memcpy(buf, name, (size_t)(at - name));
	buf[at - name] = '\0';
	return buf;
}

/* An address as an offset in its object, as dwfl_module_relocate_address gives
 * it (a shared object's, a PIE's: from the object's start; an executable's as
 * it is), without that call's load of the object's DWARF: it reads every section
 * of a separate debug file, decompressed, about 0.4 s for libc's here, again in
 * each process unwound. */
static Dwarf_Addr object_offset(Dwfl_Module *mod, Dwarf_Addr at)
{
	Dwarf_Addr start, bias;
	GElf_Ehdr eh;
	Elf *elf = dwfl_module_getelf(mod, &bias);

	if (!elf || !gelf_getehdr(elf, &eh) || eh.e_type != ET_DYN)
		return at;
	dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL, NULL);
	return at - start;
}

/* The symbol covering the byte at `at`, without its version (in buf), and in
 * *sym_off how far into it; NULL for none. */
static const char *module_symbol(Dwfl_Module *mod, Dwarf_Addr at, char *buf, size_t size,
				 uint64_t *sym_off)
{
	GElf_Off off = 0;
	GElf_Sym sym;
	const char *name = dwfl_module_addrinfo(mod, at, &off, &sym, NULL, NULL, NULL);

	*sym_off = off;
	return plain_name(name, buf, size);
}

static size_t memo_slot(const struct trace_stacks *s, const char *object, uint64_t offset)
{
	uint64_t h = 1469598103934665603ull ^ offset;

	for (const char *c = object; *c; c++)
		h = (h ^ (uint8_t)*c) * 1099511628211ull;
	size_t i = (size_t)h & (s->cap_memo - 1);
	while (s->memo[i].object &&
	       (s->memo[i].offset != offset || strcmp(s->memo[i].object, object) != 0))
		i = (i + 1) & (s->cap_memo - 1);
	return i;
}

static void memo_grow(struct trace_stacks *s)
{
	struct sym_memo *old = s->memo;
	size_t n = s->cap_memo;

	s->cap_memo = n ? 2 * n : 256;
	s->memo = sg_xcalloc(s->cap_memo, sizeof(*s->memo));
	for (size_t i = 0; i < n; i++)
		if (old[i].object)
			s->memo[memo_slot(s, old[i].object, old[i].offset)] = old[i];
	free(old);
}

/* The symbol covering the byte at `at` (at offset in object), without its
 * version, and in *sym_off how far into it; NULL for none. */
static const char *symbol_at(struct trace_stacks *s, Dwfl_Module *mod, const char *object,
			     Dwarf_Addr at, uint64_t offset, uint64_t *sym_off)
{
	if (2 * (s->nmemo + 1) > s->cap_memo)
		memo_grow(s);
	struct sym_memo *m = &s->memo[memo_slot(s, object, offset)];
	if (!m->object) {
		char buf[256];
		uint64_t off;
		const char *name = module_symbol(mod, at, buf, sizeof(buf), &off);
		*m = (struct sym_memo){ sg_xstrdup(object), offset, name ? sg_xstrdup(name) : NULL,
					off };
		s->nmemo++;
	}
	*sym_off = m->sym_off;
	return m->symbol;
}

/* One frame at pc. Its address is shown as it is (for a caller, the return
 * address), as strace shows it; but a return address may be just past the end of
 * the calling function (a call that does not return), so the function is the one
 * holding the byte before it. */
static int add_frame(struct walk *w, Dwarf_Addr pc, bool activation)
{
	char buf[256];
	Dwarf_Addr at = activation ? pc : pc - 1;
	Dwfl_Module *mod = dwfl_addrmodule(w->dwfl, at);

	if (!mod) {
		w->stack->error = UNWIND_ERROR;
		w->stack->error_pc = pc;
		return DWARF_CB_ABORT;
	}
	const char *object = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	Dwarf_Addr offset = object_offset(mod, at);
	uint64_t sym_off = 0;
	const char *symbol = NULL;
	/* Sites: the plumbing (libc, the loader) is passed over on the way to the
	 * site, and naming its function means a scan of its symbols: only the
	 * first frame's is wanted, and only if no site follows (stacks_unwind). */
	bool passed_over = w->stacks->sites && object && sg_frame_is_plumbing(object) &&
			   !trace_is_agent_object(object);
	if (passed_over) {
		if (w->stack->n == 0) {
			w->first_mod = mod;
			w->first_at = at;
		}
	} else if (object) {
		symbol = symbol_at(w->stacks, mod, object, at, offset, &sym_off);
	} else {
		symbol = module_symbol(mod, at, buf, sizeof(buf), &sym_off);
	}
	/* In-process, a handler's caller chain passes through the agent (its signal
	 * returns, its dispatch of the interrupted call): not the program's frames,
	 * but the agent's restorer stands where the program's would be. */
	if (object && trace_is_agent_object(object)) {
		if (w->app_restorer && symbol && strcmp(symbol, "sg_restorer_app") == 0)
			return add_frame(w, w->app_restorer, true);
		return DWARF_CB_OK;
	}
	sg_stack_add(w->stack, object ? object : "?", symbol, sym_off + (pc - at),
		     offset + (pc - at));
	/* A site is the first frame outside the plumbing: what lies beyond it is
	 * not looked for. */
	if (w->stacks->sites && object && !sg_frame_is_plumbing(object))
		return DWARF_CB_ABORT;
	return w->stack->n < STACK_MAX_FRAMES ? DWARF_CB_OK : DWARF_CB_ABORT;
}

static int on_frame(Dwfl_Frame *frame, void *arg)
{
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(frame, &pc, &activation))
		return DWARF_CB_ABORT;
	return add_frame(arg, pc, activation);
}

/* Sites: a stack of plumbing alone is shown by its first frame (adv_site),
 * whose symbol add_frame left for now. */
static void name_first_frame(struct walk *w)
{
	struct sg_stack *st = w->stack;
	uint64_t sym_off;

	if (!w->first_mod || st->n == 0 || st->f[0].symbol)
		return;
	for (int i = 0; i < st->n; i++)
		if (!sg_frame_is_plumbing(st->f[i].object))
			return; /* the site is named: the first frame is not shown */
	Dwarf_Addr at_offset = object_offset(w->first_mod, w->first_at);
	const char *symbol = symbol_at(w->stacks, w->first_mod, st->f[0].object, w->first_at,
				       at_offset, &sym_off);
	if (!symbol)
		return;
	st->f[0].symbol = sg_xstrdup(symbol);
	/* as add_frame counts it: from the symbol to the frame's address */
	st->f[0].sym_off = sym_off + (st->f[0].offset - at_offset);
}

struct sg_stack *stacks_unwind(struct trace_stacks *s, const struct stack_view *v)
{
	struct sg_stack *st = sg_stack_new();
	struct stack_proc *p = find_proc(s, v->pid ? v->pid : process_of(s, v->tid), true);

	if (!p->dwfl && !p->failed && read_modules(s, p) < 0)
		p->failed = true;
	if (p->dwfl) {
		struct walk w = { .stacks = s, .dwfl = p->dwfl, .stack = st, .app_restorer = v->app_restorer };
		p->view = v;
		dwfl_getthread_frames(p->dwfl, v->tid, on_frame, &w);
		p->view = NULL;
		name_first_frame(&w);
	}
	/* Not even the first frame: the line says where the thread was. */
	if (st->n == 0 && !st->error) {
		st->error = UNWIND_ERROR;
		st->error_pc = v->regs[STACK_REG_IP];
	}
	return st;
}

static void regs_from_user(const struct user_regs_struct *u, uint64_t *r)
{
	const unsigned long long in_order[STACK_NREGS] = {
		u->rax, u->rdx, u->rcx, u->rbx, u->rsi, u->rdi, u->rbp, u->rsp, u->r8,
		u->r9,	u->r10, u->r11, u->r12, u->r13, u->r14, u->r15, u->rip,
	};

	for (int i = 0; i < STACK_NREGS; i++)
		r[i] = in_order[i];
}

struct sg_stack *stacks_unwind_stopped(struct trace_stacks *s, pid_t tid)
{
	static uint8_t window[STACK_WINDOW];
	struct user_regs_struct u;
	struct stack_view v = { .pid = process_of(s, tid), .tid = tid, .mem = window, .live = true };

	if (ptrace(PTRACE_GETREGS, tid, 0, &u) < 0) {
		struct sg_stack *st = sg_stack_new();
		st->error = UNWIND_ERROR;
		return st;
	}
	regs_from_user(&u, v.regs);
	/* One read for the words the unwinder will ask for (a site's: fewer); it
	 * stops at the end of the stack's mapping. A word beyond is read from the
	 * process. */
	size_t want = s->sites ? SITE_WINDOW : sizeof(window);
	ssize_t n = sg_mem_read(tid, v.regs[STACK_REG_SP], window, want);
	v.len = n > 0 ? (size_t)n : 0;
	return stacks_unwind(s, &v);
}

/* The dynamic loader's span in process pid: the auxiliary vector's AT_BASE is
 * where it was loaded, its program headers (mapped there) say how far it goes. */
static void find_loader(pid_t pid, uint64_t *lo, uint64_t *hi)
{
	char path[64];
	uint64_t av[2], base = 0;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	*lo = *hi = 0;
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fread(av, sizeof(av), 1, f) == 1 && av[0] != AT_NULL)
		if (av[0] == AT_BASE)
			base = av[1];
	fclose(f);
	if (!base || sg_mem_read(pid, base, &eh, sizeof(eh)) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_phentsize != sizeof(ph))
		return;
	for (int i = 0; i < eh.e_phnum && i < 64; i++) {
		if (sg_mem_read(pid, base + eh.e_phoff + (uint64_t)i * sizeof(ph), &ph, sizeof(ph)) !=
		    sizeof(ph))
			return;
		if (ph.p_type == PT_LOAD && base + ph.p_vaddr + ph.p_memsz > *hi)
			*hi = base + ph.p_vaddr + ph.p_memsz;
	}
	*lo = *hi ? base : 0;
}

bool stacks_in_loader(struct trace_stacks *s, pid_t tid, uint64_t ip)
{
	struct stack_proc *p = find_proc(s, process_of(s, tid), true);

	if (!p->loader_known) {
		find_loader(p->pid, &p->loader_lo, &p->loader_hi);
		p->loader_known = true;
	}
	return ip >= p->loader_lo && ip < p->loader_hi;
}

bool stacks_call_may_remap(long nr)
{
	switch (nr) {
	case SYS_mmap:
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_mremap:
	case SYS_execve:
	case SYS_execveat:
	case SYS_remap_file_pages:
		return true;
	default:
		return false;
	}
}

/* Only code matters to the modules: a data mapping leaves them as they are. */
static bool remapped(long nr, const uint64_t *args, int64_t ret)
{
	if (ret < 0 && ret > -4096)
		return false; /* failed: nothing changed */
	if (nr == SYS_mmap)
		return args[2] & PROT_EXEC;
	if (nr == SYS_mprotect)
		return args[2] & PROT_EXEC;
	return stacks_call_may_remap(nr);
}

void stacks_after_call(struct trace_stacks *s, pid_t tid, long nr, const uint64_t *args,
		       int64_t ret)
{
	if (!stacks_call_may_remap(nr) || !remapped(nr, args, ret))
		return;
	struct stack_proc *p = find_proc(s, process_of(s, tid), false);
	if (p)
		proc_drop_modules(p);
	if (p && (nr == SYS_execve || nr == SYS_execveat))
		p->loader_known = false;
}

void stacks_forget(struct trace_stacks *s, pid_t tid)
{
	for (int i = 0; i < s->nthreads; i++)
		if (s->threads[i].tid == tid) {
			s->threads[i] = s->threads[--s->nthreads];
			break;
		}
	for (int i = 0; i < s->nprocs; i++)
		if (s->procs[i]->pid == tid) {
			proc_drop_modules(s->procs[i]);
			free(s->procs[i]);
			s->procs[i] = s->procs[--s->nprocs];
			break;
		}
}

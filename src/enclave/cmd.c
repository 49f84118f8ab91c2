/* `sysgate enclave`: generate bridge code from an interface file, print an
 * enclave's measurement, and run an enclave function from the command line. */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/output.h"
#include "core/util.h"
#include "enclave_int.h"
#include "launch/launch.h"

static const char usage_text[] =
	"usage: sysgate enclave gen IFACE [-o DIR]\n"
	"       sysgate enclave measure ENCLAVE.so\n"
	"       sysgate enclave demo\n"
	"\n"
	"An enclave runtime in simulation mode that enforces the boundary: trusted code\n"
	"in a shared object runs in its own process under a filter that faults on any\n"
	"system call; the host reaches it through ECALLs, it reaches the host through\n"
	"OCALLs, with bridge code generated from an interface file.\n"
	"  gen IFACE      write BASE_host.[ch] and BASE_enclave.[ch] (BASE: IFACE's name\n"
	"                 without extension) into DIR (default: the current directory)\n"
	"  measure SO     the enclave's measurement: SHA-256 of its code and read-only data\n"
	"  demo           the key vault (examples/keyvault), built beside sysgate\n"
	"See docs/enclave.md.\n";

/* "dir/vault.edl" -> "vault" */
static char *base_of(const char *path)
{
	char *copy = sg_xstrdup(path), *b = sg_xstrdup(basename(copy)), *dot = strrchr(b, '.');

	free(copy);
	if (dot && dot != b)
		*dot = '\0';
	for (char *c = b; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '_'))
			*c = '_';
	return b;
}

struct out_file {
	char path[4096];
	FILE *f;
	char *tmp;
};

static void open_out(struct out_file *o, const char *dir, const char *base, const char *suffix)
{
	snprintf(o->path, sizeof(o->path), "%s/%s%s", dir, base, suffix);
	o->f = sg_atomic_open(o->path, &o->tmp);
	if (!o->f)
		sg_die("enclave: cannot write '%s': %s", o->path, strerror(errno));
}

static int cmd_gen(int argc, char **argv)
{
	const char *iface = NULL, *dir = ".";
	char err[512];
	struct sg_idl idl;
	size_t len;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (argv[i][0] == '-' || iface)
			sg_usage_error("enclave", "gen: unexpected '%s'; usage: sysgate enclave gen IFACE [-o DIR]",
			       argv[i]);
		else
			iface = argv[i];
	}
	if (!iface)
		sg_usage_error("enclave", "gen: missing the interface file; usage: sysgate enclave gen IFACE [-o DIR]");
	char *text;
	int rc = sg_read_file(iface, &text, &len);
	if (rc < 0)
		sg_die("enclave: cannot open '%s': %s", iface, strerror(-rc));
	if (strlen(text) != len)
		sg_die("enclave gen: '%s' contains a NUL byte; an interface file is text", iface);
	if (sg_idl_parse(text, iface, &idl, err, sizeof(err)) < 0)
		sg_die("%s", err);
	free(text);
	rc = sg_mkdir_p(dir, 0755);
	if (rc < 0)
		sg_die("enclave gen: cannot create the directory '%s': %s", dir, strerror(-rc));
	char *base = base_of(iface);
	struct out_file f[4];
	static const char *const suffix[] = { "_host.h", "_host.c", "_enclave.h", "_enclave.c" };
	for (int i = 0; i < 4; i++)
		open_out(&f[i], dir, base, suffix[i]);
	rc = sg_idl_gen(&idl, base, f[0].f, f[1].f, f[2].f, f[3].f);
	for (int i = 0; i < 4; i++) {
		if (rc < 0)
			sg_atomic_abort(f[i].f, f[i].tmp);
		else if (sg_atomic_commit(f[i].f, f[i].path, f[i].tmp) < 0)
			sg_die("enclave: cannot write '%s'", f[i].path);
	}
	if (rc < 0)
		sg_die("enclave gen: cannot generate code for '%s': %s", iface, strerror(-rc));
	sg_idl_free(&idl);
	free(base);
	return 0;
}

/* The loader measures (it links the crypto library; sysgate does not). */
static int cmd_measure(int argc, char **argv)
{
	char loader[4200];

	if (argc != 3)
		sg_usage_error("enclave", "measure: usage: sysgate enclave measure ENCLAVE.so");
	snprintf(loader, sizeof(loader), "%s/sg-enclave-loader", sg_enclave_dir());
	fflush(NULL);
	execl(loader, "sg-enclave-loader", "--measure", argv[2], (char *)NULL);
	sg_die("enclave measure: cannot run '%s': %s (run make)", loader, strerror(errno));
}

/* Run a program beside this binary; its exit status. Signals sent to sysgate go
 * on to it, and it (with the enclave it starts) dies with sysgate. */
static int run_beside(const char *self_dir, char *const argv[])
{
	char path[4096];
	int status;

	snprintf(path, sizeof(path), "%s/%s", self_dir, argv[0]);
	fflush(NULL);
	launch_forward_signals(0);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		launch_die_with_parent(parent);
		execv(path, argv);
		fprintf(stderr, "sysgate: enclave demo: cannot run '%s': %s (run make)\n", path,
			strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		return 1;
	launch_forward_signals(pid);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	launch_forward_stop();
	launch_end_leftovers();
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The vault's directory is named after the demo's pid, so that a later sysgate can
 * tell one whose demo was killed outright (SIGKILL leaves no time to clean up). */
#define VAULT_DIR_FMT "/tmp/sysgate-vault-%d-"

static void remove_vault_dir(const char *dir)
{
	DIR *d = opendir(dir);

	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(dir);
}

void sg_enclave_recover(void)
{
	DIR *d = opendir("/tmp");

	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		char path[300];
		struct stat st;
		int pid;
		if (sscanf(e->d_name, "sysgate-vault-%d-", &pid) != 1 || pid <= 0 ||
		    !(kill(pid, 0) < 0 && errno == ESRCH))
			continue;
		snprintf(path, sizeof(path), "/tmp/%s", e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid())
			remove_vault_dir(path);
	}
	closedir(d);
}

/* The key vault story, then the enclave that tries open() itself. */
static int cmd_demo(void)
{
	char so[4200], dir[64];
	const char *self = sg_enclave_dir();

	/* From before the vault exists: a signal now is held for the first program
	 * (which it ends), never the end of sysgate with the vault left behind. */
	launch_forward_signals(0);
	snprintf(dir, sizeof(dir), VAULT_DIR_FMT "XXXXXX", (int)getpid());
	if (!mkdtemp(dir))
		sg_die("enclave demo: cannot set up: %s", strerror(errno));
	launch_subreaper(); /* without it, only the enclave's own check on its parent */
	snprintf(so, sizeof(so), "%s/vault_enclave.so", self);
	int rc = run_beside(self, (char *[]){ "keyvault", so, dir, NULL });
	if (!rc)
		rc = run_beside(self, (char *[]){ "keyvault", so, dir, "open", "/etc/hostname", NULL });
	remove_vault_dir(dir); /* the sealed blob, and whatever a stopped run left */
	return rc;
}

int sg_cmd_enclave(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "gen") == 0)
		return cmd_gen(argc, argv);
	if (strcmp(argv[1], "measure") == 0)
		return cmd_measure(argc, argv);
	if (strcmp(argv[1], "demo") == 0)
		return cmd_demo();
	sg_usage_error("enclave", "unknown action '%s'; expected gen, measure or demo (see 'sysgate help enclave')",
	       argv[1]);
}

/* The generator as a program, for tests/enclave_gen.t until `sysgate enclave gen`
 * exists: idlgen IFACE BASE OUTDIR writes OUTDIR/BASE_{host,enclave}.{h,c}. A bad
 * interface gives its one-line message on stderr and status 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enclave/enclave_int.h"

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = 2 * cap + 4096 + 1);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	static const char *const suffix[] = { "host.h", "host.c", "enclave.h", "enclave.c" };
	FILE *out[4] = { NULL };
	struct sg_idl idl;
	char err[512], path[4096];
	char *text;
	int rc = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: idlgen IFACE BASE OUTDIR\n");
		return 2;
	}
	text = read_all(argv[1]);
	if (!text) {
		fprintf(stderr, "idlgen: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (sg_idl_parse(text, argv[1], &idl, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		free(text);
		return 1;
	}
	free(text);
	for (int i = 0; i < 4 && !rc; i++) {
		snprintf(path, sizeof(path), "%s/%s_%s", argv[3], argv[2], suffix[i]);
		out[i] = fopen(path, "w");
		if (!out[i]) {
			fprintf(stderr, "idlgen: %s: %s\n", path, strerror(errno));
			rc = -errno;
		}
	}
	if (!rc) {
		rc = sg_idl_gen(&idl, argv[2], out[0], out[1], out[2], out[3]);
		if (rc)
			fprintf(stderr, "idlgen: generating %s: %s\n", argv[2], strerror(-rc));
	}
	for (int i = 0; i < 4; i++)
		if (out[i] && fclose(out[i]) != 0 && !rc)
			rc = -EIO;
	sg_idl_free(&idl);
	return rc ? 1 : 0;
}

"""The values of UAPI names, as the C compiler computes them from their headers.

Shared by the generators of the decoder tables (gen-netlink.py, gen-sockopts.py):
a value is never copied out of a header by hand, the compiler evaluates it."""
import subprocess
import tempfile


def evaluate(headers, names, defined_only=False):
    """{name: value} for names, with headers included. With defined_only, a name
    that is not a macro of those headers is left out instead of failing the build
    (enum constants need defined_only False)."""
    src = "".join("#include <%s>\n" % h for h in headers) + "#include <stdio.h>\nint main(void){\n"
    line = 'printf("%%s %%lld\\n", "%s", (long long)(%s));\n'
    for n in names:
        src += ("#ifdef %s\n" % n + line % (n, n) + "#endif\n") if defined_only else line % (n, n)
    src += "return 0;}\n"
    with tempfile.TemporaryDirectory() as d:
        with open(d + "/v.c", "w") as f:
            f.write(src)
        subprocess.run(["cc", "-D_GNU_SOURCE", "-w", "-o", d + "/v", d + "/v.c"], check=True)
        out = subprocess.run([d + "/v"], check=True, capture_output=True, text=True).stdout
    return {n: int(v) for n, v in (l.split() for l in out.splitlines())}

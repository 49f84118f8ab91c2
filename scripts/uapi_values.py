"""The values of UAPI names, as the C compiler computes them from their headers.

Shared by the generators of the decoder tables (gen-netlink.py, gen-sockopts.py,
gen-ioctl-args.py): a value is never copied out of a header by hand, the compiler
evaluates it; names are read from the headers by pattern or by enum."""
import os
import re
import subprocess
import tempfile

INC = "/usr/include"


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


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def enum_names(header, first):
    """The enumerators of the enum whose list holds first, in order; the names
    that end it (__X_MAX, X_MAX) are left out."""
    text = strip_comments(open(os.path.join(INC, header)).read())
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\}", text, flags=re.S):
        names = [re.match(r"\s*(?:#[^\n]*\n\s*)*(\w+)", e).group(1)
                 for e in body.split(",") if re.match(r"\s*(?:#[^\n]*\n\s*)*\w", e)]
        if first in names:
            return [n for n in names if not n.startswith("__") and not n.endswith("_MAX")]
    raise SystemExit("uapi_values: no enum with %s in %s" % (first, header))


def define_names(header, pattern, exclude=None):
    """The names #define'd in header that match pattern, in order."""
    found = []
    for line in open(os.path.join(INC, header)):
        m = re.match(r"\s*#\s*define\s+(%s)\s+\S" % pattern, line)
        if m and not (exclude and re.fullmatch(exclude, m.group(1))):
            found.append(m.group(1))
    return found


def table(headers, names, sort=True):
    """[(value, name)], the first name of a value winning; sorted unless the
    order is the printing order (flags)."""
    vals = evaluate(headers, names)
    rows, seen = [], set()
    for n in names:
        if vals[n] not in seen:
            seen.add(vals[n])
            rows.append((vals[n], n))
    return sorted(rows) if sort else rows

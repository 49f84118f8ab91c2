#!/usr/bin/env python3
"""Generate src/core/ioctl_table.c: the names of ioctl requests, by value.

Input is the kernel's UAPI headers under /usr/include (linux/, asm-generic/, the
x86_64 asm/, and the driver folders beside them). A request is
  * a define whose value is built with _IO/_IOR/_IOW/_IOWR/_IOC (or a header's own
    wrapper around them, such as sound's _SIOR), anywhere in those folders; or
  * a define with a plain number in the headers whose ioctls predate _IOC
    (the tty requests of asm-generic/ioctls.h, sockios, cdrom, kd, vt, ...).
Values are not computed here: the C compiler evaluates every name from its own
header (sizeof of the argument struct is in most values), and a header that does
not compile on its own is left out, with a note. Run
    python3 scripts/gen-ioctls.py
and commit the result.
"""
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INC = "/usr/include"
ARCH = INC + "/x86_64-linux-gnu"
DIRS = ["linux", "asm-generic", "misc", "mtd", "rdma", "scsi", "sound", "video", "xen", "drm"]

# Headers of requests numbered before _IOC existed, and which of their plain
# numbers are requests (a name prefix), since they also define other constants.
PLAIN = {
    "asm-generic/ioctls.h": r"(TC|TIO|FIO)",
    "asm/ioctls.h": r"(TC|TIO|FIO)",
    "linux/sockios.h": r"SIOC",
    "asm-generic/sockios.h": r"(SIOC|FIO)",
    "asm/sockios.h": r"(SIOC|FIO)",
    "linux/wireless.h": r"SIOC",
    "scsi/scsi_ioctl.h": r"SCSI_IOCTL_",
    "linux/cdrom.h": r"(CDROM|DVD_)",
    "linux/kd.h": r"(KD|GIO_|PIO_|KIOC)",
    "linux/hdreg.h": r"HDIO_",
    "scsi/sg.h": r"SG_",
    "linux/vt.h": r"VT_",
    "linux/fb.h": r"FBIO",
    "linux/loop.h": r"LOOP_",
}
# A plain request's value: a number, or a small sum of numbers and names.
PLAIN_VALUE = re.compile(r"^(0x[0-9a-fA-F]+|\d+|\(?\w+\s*\+\s*(0x[0-9a-fA-F]+|\d+)\)?)$")
# Their numbers have a type byte as _IO's do: smaller ones are other constants.
PLAIN_RANGE = range(0x100, 0x10000)
# Requests of other architectures, in the common headers: never issued on x86_64.
OTHER_ARCH = re.compile(r"^KVM_(S390|PPC|ARM|ARM64|RISCV|LOONGARCH|MIPS)_")
IOC_CALL = re.compile(r"\b_IO(C|R|W|WR)?\s*\(")
DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\(?)\s*(.*)$")


def headers():
    """(include name, path) of every header to scan, asm/ as the x86_64 one."""
    out = []
    for d in DIRS:
        top = os.path.join(INC, d)
        for base, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith(".h"):
                    path = os.path.join(base, f)
                    out.append((os.path.relpath(path, INC), path))
    asm = os.path.join(ARCH, "asm")
    out += [("asm/" + f, os.path.join(asm, f)) for f in sorted(os.listdir(asm)) if f.endswith(".h")]
    return sorted(out)


def logical_lines(path):
    """The lines of a header with continuations joined and comments removed."""
    text = open(path, errors="replace").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return text.replace("\\\n", " ").splitlines()


def defines(path):
    """name -> body of every object-like define; and the names of function-like
    macros that wrap _IOC (wrappers of wrappers too)."""
    objs, funcs = {}, {}
    for line in logical_lines(path):
        m = DEFINE.match(line)
        if not m:
            continue
        (funcs if m.group(2) else objs)[m.group(1)] = m.group(3).strip()
    wrappers = set()
    changed = True
    while changed:
        changed = False
        for name, body in funcs.items():
            if name in wrappers or name.startswith("_IO"):
                continue
            if IOC_CALL.search(body) or any(re.search(r"\b%s\s*\(" % w, body) for w in wrappers):
                wrappers.add(name)
                changed = True
    # Another name for one of them (sound's "#define _SIO _IO").
    wrappers |= {n for n, b in objs.items() if re.fullmatch(r"_IO(C|R|W|WR)?", b) or b in wrappers}
    return objs, wrappers


def plain_names(inc):
    """The names taken from inc for their plain numbers."""
    objs, _ = defines(os.path.join(INC, inc) if not inc.startswith("asm/") else
                      os.path.join(ARCH, inc))
    return {n for n, b in objs.items() if re.match(PLAIN[inc], n) and PLAIN_VALUE.match(b)}


def candidates(inc, path):
    objs, wrappers = defines(path)
    calls = [IOC_CALL] + [re.compile(r"\b%s\s*\(" % w) for w in sorted(wrappers)]
    plain = PLAIN.get(inc)
    names = []
    for name, body in objs.items():
        if name.startswith("_"):
            continue
        if any(c.search(body) for c in calls):
            names.append(name)
        elif plain and re.match(plain, name) and PLAIN_VALUE.match(body):
            names.append(name)
    return sorted(names)


# Headers that some others use without including them (types, major numbers,
# the ioctl bases of video and ATM, argument structs), tried for the names that
# do not compile with their own header alone.
PRELUDE = ["sys/types.h", "stdint.h", "linux/major.h", "linux/videodev2.h", "linux/atmioc.h",
           "linux/blktrace_api.h", "linux/fiemap.h", "linux/atmdev.h",
           "asm/termbits.h"]


def compile_values(inc, names, workdir):
    """{name: value} as the compiler evaluates them from inc, first alone, then
    after PRELUDE; None when no name compiles either way."""
    values = {}
    for prelude in ([], PRELUDE):
        got, names = compile_with(inc, names, workdir, prelude)
        values.update(got)
    return values or None


def write_probe(path, inc, names, prelude):
    """A program printing "NAME value" for each name; returns the line of the
    first name's row (the others follow one a line)."""
    head = "".join("#include <%s>\n" % h for h in prelude)
    head += ("#include <stdio.h>\n#include <linux/types.h>\n#include <linux/ioctl.h>\n"
             "#include <%s>\nstatic const struct { const char *n; unsigned long long v; } t[] = {\n"
             % inc)
    rows = "".join('\t{ "%s", (unsigned long long)(%s) },\n' % (n, n) for n in names)
    tail = ("};\nint main(void)\n{\n\tfor (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)\n"
            "\t\tprintf(\"%s %llu\\n\", t[i].n, t[i].v);\n\treturn 0;\n}\n")
    with open(path, "w") as f:
        f.write(head + rows + tail)
    return head.count("\n") + 1


def compile_with(inc, names, workdir, prelude):
    """({name: value}, [names that do not compile]): the rows the compiler
    rejects are taken out, a few rounds at most."""
    src = os.path.join(workdir, re.sub(r"\W", "_", inc) + ".c")
    exe = src[:-2]
    failed = []
    for _ in range(4):
        if not names:
            break
        first = write_probe(src, inc, names, prelude)
        r = subprocess.run(["gcc", "-w", "-o", exe, src], capture_output=True, text=True)
        if r.returncode == 0:
            out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
            return {n: int(v) for n, v in (l.split() for l in out.splitlines())}, failed
        lines = re.findall(r"^%s:(\d+):\d+: error" % re.escape(src), r.stderr, flags=re.M)
        bad = {names[int(l) - first] for l in lines if 0 <= int(l) - first < len(names)}
        if not bad:
            break  # the header itself does not compile
        failed += sorted(bad)
        names = [n for n in names if n not in bad]
    return {}, failed + names


def subdev_alias(name, value, found):
    """v4l2-subdev.h's VIDIOC_SUBDEV_G_STD is videodev2.h's VIDIOC_G_STD under
    another name, which strace does not print beside it."""
    m = re.match(r"VIDIOC_SUBDEV_(\w+)$", name)
    return bool(m) and found.get("VIDIOC_" + m.group(1), (None,))[0] == value


def main():
    found, dropped = {}, []
    jobs = [(inc, path, candidates(inc, path)) for inc, path in headers()]
    jobs = [j for j in jobs if j[2]]
    with tempfile.TemporaryDirectory() as work, ThreadPoolExecutor(2) as pool:
        results = pool.map(lambda j: (j[0], compile_values(j[0], j[2], work)), jobs)
        for inc, values in results:
            if values is None:
                dropped.append(inc)
                continue
            for name, v in values.items():
                if OTHER_ARCH.match(name) or (inc in PLAIN and name in plain_names(inc)
                                              and v not in PLAIN_RANGE):
                    continue
                # An alias of another name, or a request whose number another
                # header overrides, keeps the first header's value.
                found.setdefault(name, (v & 0xffffffff, inc))
    rows = sorted({(v, n) for n, (v, _) in found.items() if not subdev_alias(n, v, found)})
    out = ["/* Generated by scripts/gen-ioctls.py from the UAPI headers. */\n",
           "/* %d request names; headers left out (they do not compile): %s. */\n"
           % (len(rows), ", ".join(dropped) or "none"),
           '#include "ioctl_table.h"\n\n',
           "const struct sg_ioctl_name sg_ioctl_names[] = {\n"]
    out += ['\t{ %#010x, "%s" },\n' % (v, n) for v, n in rows]
    out.append("};\nconst unsigned sg_nioctl_names = %d;\n" % len(rows))
    path = os.path.join(ROOT, "src/core/ioctl_table.c")
    with open(path + ".tmp", "w") as f:
        f.write("".join(out))
    os.rename(path + ".tmp", path)
    print("gen-ioctls: %d names, %d headers left out" % (len(rows), len(dropped)),
          file=sys.stderr)


if __name__ == "__main__":
    main()

# Programs and syscall sets that both strace_compat.t (sysgate against strace) and
# strace_compat_inproc.t (the in-process backends against ptrace) run, so that the
# two compare the same work. Sourced after lib.sh; PY is the Python to run.
: "${PY:=/usr/bin/python3}"
# Constants of many kinds, a stat of a file never read, a pipe, the cwd (-X, -e
# verbose=, -e abbrev=).
XSET_PROG='import os, signal, socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, 17); signal.signal(signal.SIGUSR1, signal.SIG_IGN); os.lseek(0, 0, 1); os.stat("never-read"); os.stat("/dev/null"); os.pipe(); os.getcwd()'
XSET=(-e trace=socket,rt_sigaction,lseek,newfstatat,pipe2,prlimit64,mmap,openat,fcntl)
# Sockets of every kind on loopback, a device and a pidfd (-y, -yy, --decode-fds=).
SOCKS_PROG='import os, socket
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
c = socket.create_connection(l.getsockname()); a, _ = l.accept(); a.send(b"x"); c.recv(1)
u = socket.socketpair(); u[0].send(b"y"); u[1].recv(1); u[0].close()
d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); d.connect(("127.0.0.1", 9)); d.send(b"q")
n = os.open("/dev/null", os.O_WRONLY); os.write(n, b"z"); os.close(n)
x = socket.socket(socket.AF_UNIX); x.bind("\0sysgate-test-%010d" % os.getpid()); x.getsockname()
s6 = socket.socket(socket.AF_INET6); s6.bind(("::1", 0)); s6.listen()
c6 = socket.create_connection(s6.getsockname()[:2]); s6.accept(); os.close(os.pidfd_open(os.getpid()))'
SOCKSET=(-e trace=socket,bind,listen,connect,accept4,sendto,recvfrom,getsockname,write,close,pidfd_open)

/* ---- The coordinator: talking to the processes ------------------------------------------- */

static char rbuf[LAB_NPROCS + 1][LAB_LINE * 2];
static size_t rlen[LAB_NPROCS + 1];
static int started; /* processes ever started: the scenario language allows 64 */

/* Has process pid finished exiting (a zombie, or gone)? Its address space is freed by then. */
static int proc_gone(pid_t pid)
{
  char path[64];
  int fd;
#if defined(__sun)
  psinfo_t ps;
  fmt(path, sizeof path, "/proc/%ld/psinfo", (long)pid);
  fd = open(path, O_RDONLY);
  if (fd < 0) return 1;
  if (read(fd, &ps, sizeof ps) != (ssize_t)sizeof ps) ps.pr_nlwp = 0;
  close(fd);
  return ps.pr_nlwp == 0 || ps.pr_lwp.pr_sname == 'Z';
#else
  char buf[512], *paren;
  ssize_t n;
  fmt(path, sizeof path, "/proc/%ld/stat", (long)pid);
  fd = open(path, O_RDONLY);
  if (fd < 0) return 1;
  n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n > 0 ? n : 0] = '\0';
  paren = strrchr(buf, ')');
  return !paren || paren[1] == '\0' || paren[2] == 'Z' || paren[2] == 'X';
#endif
}

static void wait_gone(int i)
{
  long waited = 0;
  int status;
  if (procs[i].spawned) {
    waitpid(procs[i].pid, &status, 0);
    return;
  }
  while (!proc_gone(procs[i].pid)) {
    if ((waited += 2) > timeout_ms) fail("a process did not finish exiting");
    nap(2);
  }
}

/* One line from process i's reply pipe (without its newline); 0 when the process has gone. */
static int read_line(int i, char *line, size_t size, pid_t pid)
{
  long waited = 0;
  for (;;) {
    char *nl = memchr(rbuf[i], '\n', rlen[i]);
    struct pollfd pfd;
    ssize_t n;
    if (nl) {
      size_t len = (size_t)(nl - rbuf[i]);
      fmt(line, size, "%.*s", (int)len, rbuf[i]);
      rlen[i] -= len + 1;
      memmove(rbuf[i], nl + 1, rlen[i]);
      return 1;
    }
    if (rlen[i] >= sizeof rbuf[i]) fail("a reply line is too long");
    pfd.fd = procs[i].rep;
    pfd.events = POLLIN;
    pfd.revents = 0;
    if (poll(&pfd, 1, 100) < 0 && errno != EINTR) fail("poll failed");
    n = read(procs[i].rep, rbuf[i] + rlen[i], sizeof rbuf[i] - rlen[i]);
    if (n > 0) {
      rlen[i] += (size_t)n;
      procs[i].state = 1; /* it has connected */
      continue;
    }
    if (n == 0 && procs[i].state == 1) return 0;     /* end of file: it exited */
    if (n < 0 && errno != EAGAIN && errno != EINTR) fail("cannot read a reply");
    if (n == 0) nap(2);                               /* not connected yet */
    if (pid > 0 && procs[i].state != 1 && proc_gone(pid)) return 0;
    if ((waited += 100) > timeout_ms) fail("no answer from a process (raise ANONSCOPE_LAB_TIMEOUT, in seconds)");
  }
}

/* Read a process's two reply lines; print its result; keep its map line. */
static int take_reply(int i, pid_t pid, char *res, size_t size)
{
  char r[LAB_LINE], m[LAB_LINE];
  char *sp;
  if (!read_line(i, r, sizeof r, pid) || !read_line(i, m, sizeof m, pid) || r[0] != 'R' || m[0] != 'M')
    return 0;
  sp = strchr(r + 2, ' ');
  if (!sp) return 0;
  procs[i].pid = (pid_t)atol(r + 2);
  printf("-- %s (pid %ld): %s\n", lab_procs[i], (long)procs[i].pid, sp + 1);
  fmt(procs[i].map, sizeof procs[i].map, "%s", strchr(m + 2, ' ') ? strchr(m + 2, ' ') : "");
  if (res) fmt(res, size, "%s", sp + 1);
  return 1;
}

static void pipe_path(char *buf, size_t size, int i, const char *end)
{
  fmt(buf, size, "%s/%s.%s", dir, lab_procs[i], end);
}

/* Before a process starts: its two named pipes, and the coordinator's reading end. */
static void make_pipes(int i)
{
  char path[1200];
  pipe_path(path, sizeof path, i, "cmd");
  if (mkfifo(path, 0600) != 0) fail("mkfifo failed");
  pipe_path(path, sizeof path, i, "rep");
  if (mkfifo(path, 0600) != 0) fail("mkfifo failed");
  procs[i].rep = open(path, O_RDONLY | O_NONBLOCK);
  if (procs[i].rep < 0) fail("cannot open a reply pipe");
  fcntl(procs[i].rep, F_SETFD, FD_CLOEXEC);
  rlen[i] = 0;
}

static void drop_pipes(int i)
{
  char path[1200];
  if (procs[i].rep >= 0) close(procs[i].rep);
  if (procs[i].cmd >= 0) close(procs[i].cmd);
  procs[i].rep = procs[i].cmd = -1;
  pipe_path(path, sizeof path, i, "cmd");
  unlink(path);
  pipe_path(path, sizeof path, i, "rep");
  unlink(path);
}

/* A new process is starting: open its command pipe (once it has opened the other end). */
static void connect_to(int i, pid_t pid)
{
  char path[1200];
  long waited = 0;
  pipe_path(path, sizeof path, i, "cmd");
  while ((procs[i].cmd = open(path, O_WRONLY | O_NONBLOCK)) < 0) {
    if (errno != ENXIO && errno != EINTR) fail("cannot open a command pipe");
    if (proc_gone(pid)) fail("a new process died before it started");
    if ((waited += 2) > timeout_ms) fail("a new process did not start");
    nap(2);
  }
  fcntl(procs[i].cmd, F_SETFL, fcntl(procs[i].cmd, F_GETFL) & ~O_NONBLOCK);
  fcntl(procs[i].cmd, F_SETFD, FD_CLOEXEC);
  procs[i].state = 0; /* connected once its first reply arrives */
  if (!take_reply(i, pid, NULL, 0)) fail("a new process died before it started");
  procs[i].state = 1;
  started++;
}

static void send_step(int i, int n)
{
  char cmd[32];
  fmt(cmd, sizeof cmd, "%d\n", n);
  if (write_all(procs[i].cmd, cmd, strlen(cmd)) != 0) fail("a process is gone");
}

/* ---- Part 5: the coordinator ----------------------------------------------------------------
 *
 * The program you start is the coordinator: it is none of the scenario's processes. It makes a
 * lab directory (the scenario's files and one pair of named pipes per process), then for each
 * statement in order it tells the right process to run it, waits for the answer, and prints
 *   == step N: <statement>
 *   -- <process> (pid <pid>): <result>[: <what happened>]
 *   -- map <process> (pid <pid>): <segment> <address of page 0>+<pages> ...
 *   <pmap -x of that process>          (on Linux: its mappings from /proc/PID/smaps)
 *   ... the same for every live process ...
 *   <swap -s>                          (on Linux: Committed_AS from /proc/meminfo)
 * Only one process runs at a time, so the order is the scenario's.
 */

typedef struct {
  int state;              /* 0: not started, 1: alive, 2: gone */
  pid_t pid;
  int spawned;            /* a child of the coordinator (spawn), not of a fork */
  int cmd, rep;           /* the coordinator's ends of its pipes */
  char map[LAB_LINE];     /* its last "M" line */
} lab_proc_t;

static lab_proc_t procs[LAB_NPROCS + 1];
static char dir[1024];
static char self_path[1024];
static long timeout_ms = 120000;

static void cleanup(void);

static void fail(const char *what)
{
  int i;
  printf("== lab failed: %s\n", what);
  fflush(stdout);
  fprintf(stderr, "lab: %s\n", what);
  for (i = 0; i < LAB_NPROCS; i++)
    if (procs[i].state == 1) kill(procs[i].pid, SIGKILL);
  cleanup();
  exit(1);
}

/* Remove the lab directory: the pipes, the scenario's files and their directories. */
static void cleanup(void)
{
  char path[2200];
  int i;
  if (!dir[0]) return;
  for (i = 0; i < LAB_NPROCS; i++) {
    fmt(path, sizeof path, "%s/%s.cmd", dir, lab_procs[i]);
    unlink(path);
    fmt(path, sizeof path, "%s/%s.rep", dir, lab_procs[i]);
    unlink(path);
  }
  for (i = 0; i < LAB_NFILES; i++) {
    char *slash;
    fmt(path, sizeof path, "%s%s", dir, lab_files[i].path);
    unlink(path);
    while ((slash = strrchr(path, '/')) != NULL && slash > path + strlen(dir)) {
      *slash = '\0';
      rmdir(path); /* fails, harmlessly, while another file is in it */
    }
  }
  rmdir(dir);
  dir[0] = '\0';
}

/* The lab directory, and each file of the scenario at its declared size (a sparse file). */
static void make_lab_dir(void)
{
  const char *base = getenv("TMPDIR");
  char path[2200];
  int i;
  /* /var/tmp, not /tmp: /tmp is tmpfs on illumos, whose file pages are anonymous memory
   * and would show up in swap -s */
  fmt(dir, sizeof dir, "%s/anonscope-lab.XXXXXX", base && base[0] ? base : "/var/tmp");
  if (!mkdtemp(dir)) {
    fmt(dir, sizeof dir, "/tmp/anonscope-lab.XXXXXX");
    if (!mkdtemp(dir)) {
      dir[0] = '\0';
      fail("cannot make a directory in /var/tmp or /tmp");
    }
  }
  for (i = 0; i < LAB_NFILES; i++) {
    char *slash;
    int fd;
    fmt(path, sizeof path, "%s%s", dir, lab_files[i].path);
    for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
      *slash = '\0';
      mkdir(path, 0700);
      *slash = '/';
    }
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, (off_t)PAGES(lab_files[i].pages)) != 0) fail("cannot create a scenario file");
    close(fd);
  }
}

#if defined(__sun)
/* Run a tool (pmap, swap) with its output going where ours goes. */
static void run_tool(const char *path, const char *arg1, const char *arg2)
{
  pid_t pid;
  int status;
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    execl(path, path, arg1, arg2, (char *)NULL);
    printf("-- %s cannot run: %s\n", path, strerror(errno));
    fflush(stdout);
    _exit(127);
  }
  if (pid > 0) waitpid(pid, &status, 0);
}
#else
/* Linux has no pmap -x of this kind: one line per mapping from /proc/PID/smaps, in KB. */
static void print_smaps(pid_t pid)
{
  char path[64], line[1024], name[512] = "", perms[8] = "";
  unsigned long lo = 0, hi = 0, size = 0, rss = 0, anon = 0;
  FILE *f;
  fmt(path, sizeof path, "/proc/%ld/smaps", (long)pid);
  f = fopen(path, "r");
  if (!f) {
    printf("-- smaps of pid %ld cannot be read\n", (long)pid);
    return;
  }
  printf("-- smaps of pid %ld: address range, Size, Rss and Anonymous in KB, mode, mapping\n", (long)pid);
  while (fgets(line, sizeof line, f)) {
    unsigned long v, a, b;
    char pm[8];
    if (sscanf(line, "%lx-%lx %7s", &a, &b, pm) == 3 && strchr(line, '-') < strchr(line, ' ')) {
      char *p = line;
      int field;
      for (field = 0; field < 5 && p; field++) p = strchr(p + 1, ' ');
      while (p && *p == ' ') p++;
      fmt(name, sizeof name, "%s", p ? p : "");
      name[strcspn(name, "\n")] = '\0';
      size = rss = anon = 0;
      lo = a;
      hi = b;
      memcpy(perms, pm, sizeof perms);
    } else if (sscanf(line, "Size: %lu", &v) == 1) size = v;
    else if (sscanf(line, "Rss: %lu", &v) == 1) rss = v;
    else if (sscanf(line, "Anonymous: %lu", &v) == 1) anon = v;
    else if (strncmp(line, "VmFlags:", 8) == 0) {
      int shared = perms[3] == 's', nr = strstr(line, " nr") != NULL;
      printf("%016lx-%016lx %10lu %10lu %10lu %c%c%c%c%c  %s\n", lo, hi, size, rss, anon,
             perms[0] == 'r' ? 'r' : '-', perms[1] == 'w' ? 'w' : '-', perms[2] == 'x' ? 'x' : '-',
             shared ? 's' : '-', nr ? 'R' : '-', name[0] ? name : "[ anon ]");
    }
  }
  fclose(f);
}

/* The nearest Linux figure to swap -s: memory committed (reserved) by all processes. */
static void print_committed(void)
{
  char line[256];
  unsigned long v;
  FILE *f = fopen("/proc/meminfo", "r");
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "Committed_AS: %lu", &v) == 1) printf("-- committed_as: %lu kB\n", v);
  if (f) fclose(f);
}
#endif

/* After every step: each live process's segments and pmap -x, then swap -s. */
static void show(void)
{
  int i;
  for (i = 0; i < LAB_NPROCS; i++) {
    char pid[32];
    if (procs[i].state != 1) continue;
    printf("-- map %s (pid %ld):%s\n", lab_procs[i], (long)procs[i].pid, procs[i].map);
    fmt(pid, sizeof pid, "%ld", (long)procs[i].pid);
#if defined(__sun)
    run_tool("/usr/bin/pmap", "-x", pid);
#else
    print_smaps(procs[i].pid);
#endif
  }
#if defined(__sun)
  run_tool("/usr/sbin/swap", "-s", NULL);
#else
  print_committed();
#endif
  fflush(stdout);
}

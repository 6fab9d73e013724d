/* ---- The coordinator: one statement ------------------------------------------------------ */

static int taken(int i, const char *verb)
{
  if (procs[i].state == 0 && started < 64) return 0;
  if (procs[i].state != 0)
    printf("-- %s: EINVAL: the name %s is already taken by a process of this scenario\n", lab_procs[i], lab_procs[i]);
  else
    printf("-- %s: %s: the scenario language allows 64 processes\n", lab_procs[i], verb);
  return 1;
}

static int alive(int i)
{
  if (procs[i].state == 1) return 1;
  printf("-- %s: EINVAL: %s\n", lab_procs[i],
         procs[i].state == 2 ? "it has exited" : "no process of that name is running");
  return 0;
}

/* spawn P: fork, then exec this same program, which starts as P (see process_main). */
static void do_spawn_step(const lab_step_t *st)
{
  int i = st->child;
  pid_t pid;
  if (taken(i, "EINVAL")) return;
  make_pipes(i);
  fflush(stdout);
  pid = fork();
  if (pid < 0) {
    printf("-- %s: %s: fork failed\n", lab_procs[i], errno_name(errno));
    drop_pipes(i);
    return;
  }
  if (pid == 0) {
    char env[1200];
    fmt(env, sizeof env, "%s %s %s", lab_procs[i], st->empty ? "empty" : "standard", dir);
    setenv("ANONSCOPE_LAB", env, 1);
    execl(self_path, lab_procs[i], (char *)NULL);
    _exit(127);
  }
  procs[i].pid = pid;
  procs[i].spawned = 1;
  connect_to(i, pid);
}

/* P fork Q: P calls fork(); its child connects as Q. */
static void do_fork_step(int n, const lab_step_t *st)
{
  int p = st->proc, c = st->child;
  char res[LAB_LINE];
  const char *at;
  if (!alive(p) || taken(c, "EAGAIN")) return;
  make_pipes(c);
  send_step(p, n);
  if (!take_reply(p, 0, res, sizeof res)) fail("a process died during fork");
  at = strstr(res, " is pid ");
  if (strncmp(res, "ok", 2) != 0 || !at) {
    drop_pipes(c);
    return;
  }
  procs[c].pid = (pid_t)atol(at + 8);
  procs[c].spawned = 0;
  connect_to(c, procs[c].pid);
}

static void do_run_step(int n, const lab_step_t *st)
{
  int i = st->proc;
  char rest[LAB_LINE];
  if (!alive(i)) return;
  send_step(i, n);
  if (!take_reply(i, 0, NULL, 0)) fail("a process died: a signal the lab did not expect");
  if (st->kind != STEP_EXIT) return;
  while (read_line(i, rest, sizeof rest, 0)) {
    /* nothing more comes: wait for the end of the pipe */
  }
  wait_gone(i);
  procs[i].state = 2;
  drop_pipes(i);
}

static void finish(void)
{
  int i;
  char rest[LAB_LINE];
  for (i = 0; i < LAB_NPROCS; i++) {
    if (procs[i].state != 1) continue;
    if (write_all(procs[i].cmd, "q\n", 2) == 0)
      while (read_line(i, rest, sizeof rest, 0)) {
      }
    wait_gone(i);
    procs[i].state = 2;
    drop_pipes(i);
  }
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

static int coordinator_main(const char *argv0)
{
  struct utsname u;
  const char *t = getenv("ANONSCOPE_LAB_TIMEOUT");
  int n, i;
  signal(SIGPIPE, SIG_IGN);
  real_page = sysconf(_SC_PAGESIZE);
  if (t && atol(t) > 0) timeout_ms = atol(t) * 1000L;
  for (i = 0; i <= LAB_NPROCS; i++) procs[i].cmd = procs[i].rep = -1;
#if defined(__sun)
  fmt(self_path, sizeof self_path, "%s", getexecname() ? getexecname() : argv0);
#elif defined(__linux__)
  (void)argv0;
  fmt(self_path, sizeof self_path, "/proc/self/exe");
#else
  fmt(self_path, sizeof self_path, "%s", argv0);
#endif
  if (uname(&u) < 0) memset(&u, 0, sizeof u);
  printf("== anonscope lab: %s\n", lab_title);
  printf("-- scenario page size: %ld bytes (%s)\n", (long)LAB_PAGE, lab_arch);
  printf("-- scenario machine: %s (a program cannot choose them: this run has the machine's own)\n", lab_machine);
  printf("-- machine: %s %s %s %s, page size %ld bytes\n", u.sysname, u.release, u.version, u.machine,
         real_page);
  if (sizeof(void *) != 8) printf("-- note: a 32-bit build; pmap -x prints the 32-bit layout (build with -m64)\n");
  make_lab_dir();
  printf("-- lab directory: %s\n", dir);
  printf("== step 0: (start)\n");
  show();
  for (n = 1; n <= LAB_NSTEPS; n++) {
    const lab_step_t *st = &lab_steps[n - 1];
    printf("== step %d: %s\n", n, st->text);
    switch (st->kind) {
    case STEP_SPAWN: do_spawn_step(st); break;
    case STEP_FORK: do_fork_step(n, st); break;
    case STEP_RUN:
    case STEP_EXIT: do_run_step(n, st); break;
    case STEP_SKIP: printf("-- skipped: %s\n", st->why); break;
    }
    show();
  }
  finish();
  cleanup();
  printf("== end\n");
  return 0;
}

int main(int argc, char **argv)
{
  const char *env = getenv("ANONSCOPE_LAB");
  (void)argc;
  if (env) return process_main(env);
  return coordinator_main(argv[0]);
}

/* ---- fork, exit, and the process's command loop ------------------------------------------ */

/* Open this process's two pipes (named pipes the coordinator made in the lab directory). */
static void connect_pipes(void)
{
  char path[1100];
  fmt(path, sizeof path, "%s/%s.cmd", lab_dir, me);
  cmd_fd = open(path, O_RDONLY); /* returns once the coordinator opens the other end */
  fmt(path, sizeof path, "%s/%s.rep", lab_dir, me);
  rep_fd = cmd_fd < 0 ? -1 : open(path, O_WRONLY);
  if (cmd_fd < 0 || rep_fd < 0) _exit(3);
}

/* fork Q: the child is a copy of this process (same segments, same names) and becomes Q. */
static LAB_MAYBE_UNUSED void do_fork(const char *child)
{
  pid_t pid = fork();
  if (pid < 0) {
    set_result(errno_name(errno), "fork failed");
    return;
  }
  if (pid == 0) {
    close(cmd_fd);
    close(rep_fd);
    fmt(me, sizeof me, "%s", child);
    connect_pipes();
    forked_now = 1;
    return;
  }
  set_result("ok", "child %s is pid %ld", child, (long)pid);
}

static LAB_MAYBE_UNUSED void do_exit(void)
{
  set_result("ok", "exiting");
  exiting = 1;
}

static void run_step(int n); /* part 4: which step_N to call */

/* Read one command line ("<step>" or "q"); 0 when the coordinator has gone. */
static int read_command(char *buf, size_t size)
{
  size_t n = 0;
  while (n + 1 < size) {
    char c;
    ssize_t r = read(cmd_fd, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return 0;
    if (c == '\n') break;
    buf[n++] = c;
  }
  buf[n] = '\0';
  return 1;
}

static void serve(void)
{
  char cmd[32];
  for (;;) {
    while (waitpid(-1, NULL, WNOHANG) > 0) {
      /* reap children of this process that have exited */
    }
    if (!read_command(cmd, sizeof cmd) || strcmp(cmd, "q") == 0) _exit(0);
    fmt(result, sizeof result, "R %ld EINVAL: no such step\n", (long)getpid());
    run_step(atoi(cmd));
    if (forked_now) { /* the new child: say hello on its own pipe */
      forked_now = 0;
      set_result("ok", "started by fork");
    }
    refresh_stack();
    send_reply();
    if (exiting) _exit(0);
  }
}

/* A process of the scenario starts here (ANONSCOPE_LAB="<name> standard|empty <dir>"). */
static int process_main(const char *env)
{
  struct sigaction sa;
  const char *sp1 = strchr(env, ' ');
  const char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
  if (!sp1 || !sp2 || sp1 - env >= (long)sizeof me) return 2;
  memcpy(me, env, (size_t)(sp1 - env));
  me[sp1 - env] = '\0';
  fmt(lab_dir, sizeof lab_dir, "%s", sp2 + 1);
  real_page = sysconf(_SC_PAGESIZE);
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  {
    int i;
    for (i = 0; i < LAB_MAX_PIECES; i++) pieces[i].seg = -1;
  }
  if (strncmp(sp1 + 1, "standard ", 9) == 0) {
    /* The standard image: this program's text and data, a 4-page heap, and its stack. */
    volatile char here = 0;
    uintptr_t lo, hi;
    if (find_mapping((uintptr_t)&process_main, &lo, &hi) == 0)
      seg_set("text", lo, (long)((hi - lo) / LAB_PAGE), 1);
    if (find_mapping((uintptr_t)&lab_data_anchor, &lo, &hi) == 0)
      seg_set("data", lo, (long)((hi - lo) / LAB_PAGE), 1);
    grow_heap(4);
    if (find_mapping((uintptr_t)&here, &lo, &hi) == 0) seg_set("stack", lo, (long)((hi - lo) / LAB_PAGE), 1);
  }
  connect_pipes();
  set_result("ok", "started by exec");
  send_reply();
  serve();
  return 0;
}

/* ---- Part 3: one process of the scenario ------------------------------------------------
 *
 * Every process of the scenario is a real process running this program. It waits on its
 * command pipe for the number of a step, runs that step (the step_N functions of part 4) and
 * answers on its reply pipe with two lines, which the coordinator prints:
 *   R <pid> <result>[: <what happened>]         result: ok, an errno name or a signal name
 *   M <pid> <segment> <address of page 0>+<pages> ...   the segments it has now
 * Page numbers count from the start of the mapping as it was made, as in the scenario, so
 * they keep their meaning after a munmap splits it.
 */

typedef struct {
  char name[33];
  uintptr_t origin; /* address of the mapping's page 0 */
  long pages;       /* pages from page 0 to the end of the mapping */
  int used;
  int vital;        /* this program's own text, data or stack: it cannot live without them */
} lab_seg_t;

typedef struct {
  int seg;        /* index in segs[], -1 when free */
  long from, to;  /* pages still mapped, both included */
} lab_piece_t;

static char me[40];                 /* this process's name in the scenario */
static char lab_dir[1024];          /* where the pipes and files are */
static int cmd_fd = -1, rep_fd = -1;
static lab_seg_t segs[LAB_MAX_SEGS];
static lab_piece_t pieces[LAB_MAX_PIECES];
static char result[LAB_LINE];       /* "R" line of the reply */
static int forked_now;              /* set in the child right after a fork */
static int exiting;                 /* set by exit: leave after the reply */
static volatile int lab_data_anchor = 1; /* initialized, so it lives in the data segment */
static volatile unsigned char lab_sink;  /* where reads go, so no read is optimized away */

static void set_result(const char *res, const char *f, ...)
{
  char what[LAB_LINE - 64];
  va_list ap;
  va_start(ap, f);
  if (vsnprintf(what, sizeof what, f, ap) < 0) what[0] = '\0';
  va_end(ap);
  fmt(result, sizeof result, "R %ld %s%s%s\n", (long)getpid(), res, what[0] ? ": " : "", what);
}

static intptr_t page_addr(int s, long page) { return (intptr_t)segs[s].origin + PAGES(page); }

static int seg_find(const char *name)
{
  int i;
  for (i = 0; i < LAB_MAX_SEGS; i++)
    if (segs[i].used && strcmp(segs[i].name, name) == 0) return i;
  return -1;
}

static void piece_add(int s, long from, long to)
{
  int i;
  if (from > to) return;
  for (i = 0; i < LAB_MAX_PIECES; i++)
    if (pieces[i].seg < 0) {
      pieces[i].seg = s;
      pieces[i].from = from;
      pieces[i].to = to;
      return;
    }
}

/* Add (or, for the image's heap and stack, move) a segment with one piece [0, pages - 1]. */
static int seg_set(const char *name, uintptr_t origin, long pages, int vital)
{
  int i, s = seg_find(name);
  if (s < 0)
    for (i = 0; i < LAB_MAX_SEGS && s < 0; i++)
      if (!segs[i].used) s = i;
  if (s < 0) return -1;
  for (i = 0; i < LAB_MAX_PIECES; i++)
    if (pieces[i].seg == s) pieces[i].seg = -1;
  fmt(segs[s].name, sizeof segs[s].name, "%s", name);
  segs[s].origin = origin;
  segs[s].pages = pages;
  segs[s].used = 1;
  segs[s].vital = vital;
  piece_add(s, 0, pages - 1);
  return s;
}

/* Keep the segment table's stack where the real stack is now (it grows down by itself). */
static void refresh_stack(void)
{
  volatile char here = 0;
  uintptr_t lo, hi;
  int s = seg_find("stack");
  if (s < 0 || find_mapping((uintptr_t)&here, &lo, &hi) != 0) return;
  seg_set("stack", lo, (long)((hi - lo) / LAB_PAGE), 1);
}

/* The "M" line: every segment with its page 0 and extent, in address order. */
static void map_line(char *buf, size_t size)
{
  int order[LAB_MAX_SEGS], n = 0, i, j;
  size_t len;
  for (i = 0; i < LAB_MAX_SEGS; i++) {
    if (!segs[i].used) continue;
    for (j = n; j > 0 && segs[order[j - 1]].origin > segs[i].origin; j--) order[j] = order[j - 1];
    order[j] = i;
    n++;
  }
  fmt(buf, size, "M %ld", (long)getpid());
  for (i = 0; i < n; i++) {
    long extent = 0; /* up to the end of its last piece, as the simulator counts it */
    for (j = 0; j < LAB_MAX_PIECES; j++)
      if (pieces[j].seg == order[i] && pieces[j].to + 1 > extent) extent = pieces[j].to + 1;
    len = strlen(buf);
    fmt(buf + len, size - len, " %s %016lX+%ld", segs[order[i]].name, (unsigned long)segs[order[i]].origin,
        extent);
  }
  len = strlen(buf);
  fmt(buf + len, size - len, "\n");
}

static void send_reply(void)
{
  char map[LAB_LINE];
  map_line(map, sizeof map);
  if (write_all(rep_fd, result, strlen(result)) != 0 || write_all(rep_fd, map, strlen(map)) != 0)
    _exit(3); /* the coordinator is gone */
}

/* ---- Touching pages, with SIGSEGV and SIGBUS caught ---------------------------------------- */

static sigjmp_buf touch_env;
static volatile sig_atomic_t touching;
static volatile int fault_code;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
  (void)uc;
  if (!touching) { /* not a touch of the scenario: a real fault of this program */
    signal(sig, SIG_DFL);
    return;
  }
  fault_code = si ? si->si_code : 0;
  siglongjmp(touch_env, sig);
}

static const char *fault_name(int sig, int code)
{
  if (sig == SIGSEGV) return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "si_code ?";
  return code == BUS_OBJERR ? "BUS_OBJERR" : code == BUS_ADRERR ? "BUS_ADRERR" : code == BUS_ADRALN ? "BUS_ADRALN" : "si_code ?";
}

/*
 * One scenario page: each real page in it (a sparc scenario has 8 KB pages, x86 has 4 KB). A
 * write stores back the byte it read: a real write fault, and no data of this program changes.
 */
static void touch_page(intptr_t addr, int write)
{
  intptr_t a, step = real_page < LAB_PAGE ? real_page : LAB_PAGE;
  for (a = addr; a < addr + LAB_PAGE; a += step) {
    volatile unsigned char *p = (volatile unsigned char *)a;
    unsigned char c = *p;
    if (write) *p = c;
    else lab_sink = c;
  }
}

/* read/write SEG A-B: touch pages A..B of the mapping in turn; the first fatal fault ends it. */
static LAB_MAYBE_UNUSED void do_touch(const char *name, long from, long to, int write)
{
  volatile long page = from;
  intptr_t origin;
  int sig, s = seg_find(name);
  if (s < 0) {
    set_result("EINVAL", "%s has no mapping named %s", me, name);
    return;
  }
  origin = page_addr(s, 0);
  sig = sigsetjmp(touch_env, 1);
  if (sig != 0) {
    touching = 0;
    set_result(sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", "at %s page %ld (%s)", name, (long)page,
               fault_name(sig, fault_code));
    return;
  }
  touching = 1;
  for (; page <= to; page++) touch_page(origin + PAGES(page), write);
  touching = 0;
  set_result("ok", "%s %ld %s of %s", write ? "wrote" : "read", to - from + 1,
             to > from ? "pages" : "page", name);
}

/* stack N: write the address N pages below the bottom of the stack, as a deep call would. */
static LAB_MAYBE_UNUSED void do_stack(long pages)
{
  volatile char here = 0;
  uintptr_t lo, hi;
  volatile intptr_t target;
  int sig;
  if (find_mapping((uintptr_t)&here, &lo, &hi) != 0) {
    set_result("EINVAL", "the stack is not in /proc");
    return;
  }
  target = (intptr_t)lo - PAGES(pages);
  sig = sigsetjmp(touch_env, 1);
  if (sig != 0) {
    touching = 0;
    set_result(sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", "at %ld pages below the stack (%s)", pages,
               fault_name(sig, fault_code));
    return;
  }
  touching = 1;
  touch_page(target, 1);
  touching = 0;
  if (seg_find("stack") < 0) seg_set("stack", lo, 0, 1);
  refresh_stack();
  set_result("ok", "wrote %ld pages below the stack", pages);
}

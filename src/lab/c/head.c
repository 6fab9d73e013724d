/* ---- Part 1: system headers and small helpers ------------------------------------------- */

#if defined(__sun)
#define __EXTENSIONS__ 1 /* illumos/Solaris: MAP_ANON, MAP_NORESERVE, sbrk, getexecname */
#else
#define _DEFAULT_SOURCE 1 /* glibc: MAP_ANONYMOUS, MAP_NORESERVE, sbrk, madvise, mkdtemp */
#endif
#define _XOPEN_SOURCE 600

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__sun)
#include <procfs.h> /* prmap_t for /proc/self/map, psinfo_t for /proc/PID/psinfo */
#endif

#ifndef MAP_ANON
#define MAP_ANON MAP_ANONYMOUS
#endif

/* Helpers a given scenario may not need: no "unused" warning for them. */
#if defined(__GNUC__)
#define LAB_MAYBE_UNUSED __attribute__((unused))
#else
#define LAB_MAYBE_UNUSED
#endif

/* What the coordinator does for a statement (see lab_steps[] below). */
enum lab_kind {
  STEP_SPAWN,   /* the coordinator forks and execs this program as the new process */
  STEP_RUN,     /* the named process runs it (mmap, munmap, mprotect, read, write, sbrk, stack) */
  STEP_FORK,    /* the named process calls fork(); the child becomes the new name */
  STEP_EXIT,    /* the named process calls _exit() */
  STEP_SKIP     /* nothing a user program can do (pageout): printed as skipped, with why */
};

typedef struct {
  enum lab_kind kind;
  int proc;          /* index in lab_procs[] of the process that runs it (-1: none) */
  int child;         /* spawn and fork: index of the new process */
  int empty;         /* spawn: 1 for "spawn P empty" */
  int line;          /* line of the statement in the scenario */
  const char *text;  /* the statement */
  const char *why;   /* STEP_SKIP: why it cannot run here */
} lab_step_t;

/* The real page size, and a size in bytes of n scenario pages. */
static long real_page;
#define PAGES(n) ((intptr_t)(n) * (intptr_t)LAB_PAGE)

/* Bytes of every step's reply line; a map line lists every segment of a process. */
#define LAB_LINE (LAB_MAX_SEGS * 80 + 512)

/* snprintf that never overflows and never fails the caller: the text is cut instead. */
static void fmt(char *buf, size_t size, const char *f, ...)
{
  va_list ap;
  va_start(ap, f);
  if (vsnprintf(buf, size, f, ap) < 0) buf[0] = '\0';
  va_end(ap);
}

static const char *errno_name(int e)
{
  switch (e) {
  case EAGAIN: return "EAGAIN";
  case ENOMEM: return "ENOMEM";
  case EINVAL: return "EINVAL";
  case EACCES: return "EACCES";
  case EBADF: return "EBADF";
  case EEXIST: return "EEXIST";
  case ENODEV: return "ENODEV";
  case ENXIO: return "ENXIO";
  case EPERM: return "EPERM";
  case EFBIG: return "EFBIG";
  case ENOENT: return "ENOENT";
  case ENOSPC: return "ENOSPC";
  case EOVERFLOW: return "EOVERFLOW";
  case ENOTSUP: return "ENOTSUP";
  default: {
    static char other[32];
    fmt(other, sizeof other, "ERRNO_%d", e);
    return other;
  }
  }
}

/* Write all of buf to fd, whatever the pipe takes at a time. */
static int write_all(int fd, const char *buf, size_t len)
{
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    buf += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Sleep for ms milliseconds. */
static void nap(long ms)
{
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/*
 * The mapping that contains addr, as the kernel lists it in /proc: its first address and its
 * end. Used to find this program's own text, data and stack. Returns 0 when found.
 */
static int find_mapping(uintptr_t addr, uintptr_t *start, uintptr_t *end)
{
#if defined(__sun)
  prmap_t m;
  int fd = open("/proc/self/map", O_RDONLY);
  if (fd < 0) return -1;
  while (read(fd, &m, sizeof m) == (ssize_t)sizeof m) {
    if (addr >= m.pr_vaddr && addr - m.pr_vaddr < m.pr_size) {
      *start = m.pr_vaddr;
      *end = m.pr_vaddr + m.pr_size;
      close(fd);
      return 0;
    }
  }
  close(fd);
  return -1;
#else
  static char buf[1 << 16];
  size_t len = 0;
  ssize_t n;
  char *line;
  int fd = open("/proc/self/maps", O_RDONLY);
  if (fd < 0) return -1;
  while (len < sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) len += (size_t)n;
  close(fd);
  buf[len] = '\0';
  for (line = buf; *line; ) {
    char *next = strchr(line, '\n');
    unsigned long lo = strtoul(line, NULL, 16);
    char *dash = strchr(line, '-');
    unsigned long hi = dash ? strtoul(dash + 1, NULL, 16) : 0;
    if (addr >= lo && addr < hi) {
      *start = lo;
      *end = hi;
      return 0;
    }
    if (!next) break;
    line = next + 1;
  }
  return -1;
#endif
}

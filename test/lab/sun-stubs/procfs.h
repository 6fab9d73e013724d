/*
 * Just enough of illumos's <procfs.h> for the lab program's illumos branch to be compiled
 * (-fsyntax-only) on Linux: the structures it reads, with the member names and types of
 * illumos's sys/procfs.h (prmap_t from /proc/PID/map, psinfo_t from /proc/PID/psinfo), and
 * getexecname(), which illumos declares in <stdlib.h>. Used by test/lab/run-c.test.ts only.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct prmap {
  uintptr_t pr_vaddr;
  size_t pr_size;
  char pr_mapname[64];
  long long pr_offset;
  int pr_mflags;
  int pr_pagesize;
  int pr_shmid;
  int pr_filler[1];
} prmap_t;

typedef struct lwpsinfo {
  int pr_flag;
  int pr_lwpid;
  char pr_state;
  char pr_sname;
} lwpsinfo_t;

typedef struct psinfo {
  int pr_flag;
  int pr_nlwp;
  int pr_pid;
  lwpsinfo_t pr_lwp;
} psinfo_t;

const char *getexecname(void);

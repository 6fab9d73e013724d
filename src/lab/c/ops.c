/* ---- The mapping system calls ------------------------------------------------------------ */

enum { SRC_DEVZERO, SRC_ANON, SRC_FILE };

/*
 * mmap. The scenario language keeps separate mappings apart (the simulator leaves a free page
 * between them, so the kernel never merges them into one segment): the mapping goes in the
 * middle of a free range one page larger on each side, found by a PROT_NONE probe.
 */
static LAB_MAYBE_UNUSED void do_mmap(const char *name, int source, const char *path, long pages,
                                     int prot, int share, long offset, int noreserve)
{
  size_t len = (size_t)PAGES(pages);
  size_t gap = (size_t)(real_page > LAB_PAGE ? real_page : LAB_PAGE);
  int fd = -1, flags = share | (noreserve ? MAP_NORESERVE : 0);
  void *probe, *p;
  char file[2048];
  int s;
  if (seg_find(name) >= 0) {
    set_result("EINVAL", "%s already has a mapping named %s", me, name);
    return;
  }
  if (source == SRC_ANON) {
    flags |= MAP_ANON;
  } else {
    if (source == SRC_DEVZERO) fmt(file, sizeof file, "/dev/zero");
    else fmt(file, sizeof file, "%s%s", lab_dir, path);
    fd = open(file, O_RDWR);
    if (fd < 0) {
      set_result(errno_name(errno), "cannot open %s", file);
      return;
    }
  }
  probe = mmap(NULL, len + 2 * gap, PROT_NONE, MAP_PRIVATE | MAP_ANON | MAP_NORESERVE, -1, 0);
  if (probe == MAP_FAILED) {
    p = mmap(NULL, len, prot, flags, fd, (off_t)PAGES(offset));
  } else {
    munmap(probe, len + 2 * gap);
    p = mmap((char *)probe + gap, len, prot, flags | MAP_FIXED, fd, (off_t)PAGES(offset));
  }
  if (fd >= 0) close(fd);
  if (p == MAP_FAILED) {
    set_result(errno_name(errno), "mmap of %ld pages failed", pages);
    return;
  }
#if defined(__linux__) && defined(MADV_NOHUGEPAGE)
  madvise(p, len, MADV_NOHUGEPAGE); /* Linux: 4 KB pages only, as the scenario counts them */
#endif
  s = seg_set(name, (uintptr_t)p, pages, 0);
  if (s < 0) {
    set_result("ENOMEM", "the lab's segment table is full");
    return;
  }
  set_result("ok", "%s at %016lX, %ld KB", name, (unsigned long)p, (long)(len / 1024));
}

/* munmap and mprotect of this program's own text, data or stack would kill it. */
static int refuse_vital(int s, const char *what)
{
  if (!segs[s].vital) return 0;
  set_result("SKIPPED", "%s of %s would take this program's own %s away and kill it", what,
             segs[s].name, segs[s].name);
  return 1;
}

/* munmap SEG [A-B]: unmap each piece of the mapping inside the range (all of it without one). */
static LAB_MAYBE_UNUSED void do_munmap(const char *name, int whole, long from, long to)
{
  int i, n = 0, s = seg_find(name);
  if (s < 0) {
    set_result("EINVAL", "%s has no mapping named %s", me, name);
    return;
  }
  if (refuse_vital(s, "munmap")) return;
  for (i = 0; i < LAB_MAX_PIECES; i++) {
    lab_piece_t *pc = &pieces[i];
    long lo, hi;
    if (pc->seg != s) continue;
    lo = whole || from < pc->from ? pc->from : from;
    hi = whole || to > pc->to ? pc->to : to;
    if (lo > hi) continue;
    if (munmap((void *)page_addr(s, lo), (size_t)PAGES(hi - lo + 1)) != 0) {
      set_result(errno_name(errno), "munmap of %s pages %ld-%ld failed", name, lo, hi);
      return;
    }
    n += (int)(hi - lo + 1);
    if (lo > pc->from && hi < pc->to) piece_add(s, hi + 1, pc->to); /* a hole in the middle */
    if (lo > pc->from) pc->to = lo - 1;
    else if (hi < pc->to) pc->from = hi + 1;
    else pc->seg = -1;
  }
  for (i = 0; i < LAB_MAX_PIECES && pieces[i].seg != s; i++) {
  }
  if (i == LAB_MAX_PIECES) segs[s].used = 0; /* nothing left: the name is free again */
  set_result("ok", "unmapped %d pages of %s", n, name);
}

/* mprotect SEG PROT [A-B]: one mprotect over the range; without one, one per piece. */
static LAB_MAYBE_UNUSED void do_mprotect(const char *name, int prot, int whole, long from, long to)
{
  int i, s = seg_find(name);
  if (s < 0) {
    set_result("EINVAL", "%s has no mapping named %s", me, name);
    return;
  }
  if (refuse_vital(s, "mprotect")) return;
  if (!whole) {
    if (mprotect((void *)page_addr(s, from), (size_t)PAGES(to - from + 1), prot) != 0) {
      set_result(errno_name(errno), "mprotect of %s pages %ld-%ld failed", name, from, to);
      return;
    }
  } else {
    for (i = 0; i < LAB_MAX_PIECES; i++) {
      lab_piece_t *pc = &pieces[i];
      if (pc->seg != s) continue;
      if (mprotect((void *)page_addr(s, pc->from), (size_t)PAGES(pc->to - pc->from + 1), prot) != 0) {
        set_result(errno_name(errno), "mprotect of %s pages %ld-%ld failed", name, pc->from, pc->to);
        return;
      }
    }
  }
  set_result("ok", "%s is now %s%s%s", name, prot & PROT_READ ? "r" : "", prot & PROT_WRITE ? "w" : "",
             prot & PROT_EXEC ? "x" : prot ? "" : "none");
}

/* The heap starts at the first page boundary at or above the break. */
static int heap_start(void)
{
  uintptr_t cur = (uintptr_t)sbrk(0);
  uintptr_t align = (uintptr_t)(real_page > LAB_PAGE ? real_page : LAB_PAGE);
  uintptr_t at = (cur + align - 1) / align * align;
  if (cur == (uintptr_t)-1) return -1;
  if (at > cur && sbrk((intptr_t)(at - cur)) == (void *)-1) return -1;
  return seg_set("heap", at, 0, 0);
}

/* sbrk N: grow the heap by N pages (brk); nothing is touched. */
static int grow_heap(long pages)
{
  int s = seg_find("heap");
  void *old;
  if (s < 0 && (s = heap_start()) < 0) return errno ? errno : ENOMEM;
  old = sbrk(PAGES(pages));
  if (old == (void *)-1) return errno;
#if defined(__linux__) && defined(MADV_NOHUGEPAGE)
  madvise(old, (size_t)PAGES(pages), MADV_NOHUGEPAGE);
#endif
  piece_add(s, segs[s].pages, segs[s].pages + pages - 1);
  segs[s].pages += pages;
  return 0;
}

static LAB_MAYBE_UNUSED void do_sbrk(long pages)
{
  int e = grow_heap(pages);
  if (e) set_result(errno_name(e), "sbrk of %ld pages failed", pages);
  else set_result("ok", "the heap is %ld pages", segs[seg_find("heap")].pages);
}

import { scenarioHeader } from "../scenarios/header";
import { sourceLink } from "../contract/kernel/source";

/**
 * The guided walk through anonymous memory: six lessons, in order, each a scenario
 * (`./N-slug.vms`, with `# title:` and `# idea:` headers like the presets) plus a few short
 * paragraphs and "watch for" checkpoints tied to steps of that scenario.
 *
 * Prose is plain text with inline links written as markdown, `[text](url)`; every link goes to
 * the function's definition in the illumos source browser (sourceLink), and the UI renders them.
 */

interface WatchPoint {
  /** the scenario step (1-based, as the timeline counts them) the note is about */
  step: number;
  note: string;
}

export interface Lesson {
  id: string;
  /** 1-based position in the walk */
  n: number;
  title: string;
  /** paragraphs; inline links as [text](url) */
  prose: string[];
  watch: WatchPoint[];
  /** the scenario text, header comments included */
  scenario: string;
}

const FILES = import.meta.glob<string>("./*.vms", { query: "?raw", import: "default", eager: true });

/** A markdown link to the definition of kernel function `name`. */
const f = (name: string): string => `[${name}](${sourceLink(name)})`;

const header = scenarioHeader;

function scenarioText(file: string): string {
  const text = FILES[`./${file}`];
  if (text === undefined) throw new Error(`lesson scenario ${file} is missing`);
  return text;
}

interface LessonSource {
  id: string;
  file: string;
  prose: string[];
  watch: WatchPoint[];
}

const SOURCES: LessonSource[] = [
  {
    id: "anonymous-memory",
    file: "1-anonymous-memory.vms",
    prose: [
      `A process's memory comes in two kinds. Some pages have a file behind them, such as the program's code: if the kernel needs the frame, it can drop the page and read it from the file again later. Other pages have no file at all: the heap that malloc grows, the stack, and the private copies a process makes of pages it used to share. That is anonymous memory. The only place its contents can go, when memory runs short, is swap.`,
      `illumos keeps one anon struct (struct anon) for each page of anonymous memory. The first touch of a heap or stack page is a page fault; ${f("segvn_fault")} and ${f("segvn_faultpage")} find no anon for the page, and ${f("anon_zero")} makes one with a fresh page full of zeros. Growing the stack (${f("grow")}) maps new pages and fills them the same way at once.`,
      `Copies are anonymous too. The program's initialised data is a private mapping of the program file: the first write to one of its pages makes ${f("anon_private")} copy the file page into a new anon page, and from then on that page belongs to the process alone. After ${f("cfork")}, parent and child share their anon pages until one of them writes, and that write again goes through anon_private.`,
      `swap -s counts anon structs as allocated (${f("swapctl")}): watch it go up by one page for every anon, however the anon was made.`,
    ],
    watch: [
      {
        step: 2,
        note: "P1's first writes to its heap: the heap has no anon_map yet, so anonmap_alloc makes one, and anon_zero makes two zero-filled anon pages.",
      },
      {
        step: 3,
        note: "grow extends the stack by 2 pages and pre-faults both: two more anon_zero pages, and swap -s allocated goes up by 8k.",
      },
      {
        step: 4,
        note: "A write to the data segment: ufs_getpage reads the file page, anon_private copies it into a new anon page. The file page itself stays unchanged in the page cache.",
      },
      {
        step: 6,
        note: "P2 writes a heap page it shares with P1: anon_private gives P2 its own copy, and anon_decref drops the shared anon back to an_refcnt 1.",
      },
    ],
  },
  {
    id: "file-mapping",
    file: "2-file-mapping.vms",
    prose: [
      `Every page in use in illumos has a name: a vnode (the kernel's object for a file) and a byte offset into it. The page_t keeps the name, and the page hash finds a page by it (${f("page_lookup")}). Only a frame on the free list has no name. A file page that was read once stays in memory under its name, the page cache, for whoever asks next: even when nobody maps it any more, it waits on the cachelist with its name until its frame is needed for something else.`,
      `mmap of a file goes through ${f("smmap_common")} and the file system's map routine (${f("ufs_map")} here), which calls ${f("segvn_create")}: the new segment records the file's vnode and the offset where the mapping starts. A fault on page N of the mapping (${f("segvn_fault")}, then ${f("segvn_faultpage")}) asks the file system for the page at that offset plus N pages, through VOP_GETPAGE (${f("ufs_getpage")}): it is found in the page cache, or read from disk into a frame that takes its name.`,
      `So two mappings of one file share the very same frame, whatever their addresses and even when they start at different offsets. A read through a private mapping maps the file's page read-only; a MAP_SHARED mapping writes the file's own page. Either way no anon struct is made and swap -s does not move: a file page's home is its file, where it is written back if it was modified.`,
    ],
    watch: [
      {
        step: 3,
        note: "Four read faults: ufs_getpage reads each page from disk into a frame named (/data/notes, offset). Look at the frames panel.",
      },
      {
        step: 6,
        note: "P2's page 0 is offset 0x2000 of the file: ufs_getpage finds the page P1 brought in, so P2 maps the same frame.",
      },
      {
        step: 8,
        note: "A write through a MAP_SHARED mapping: segvn_faultpage maps the file's own page writable. No anon, no swap reserved.",
      },
    ],
  },
  {
    id: "dev-zero",
    file: "3-dev-zero.vms",
    prose: [
      `Mapping /dev/zero is the classic way to ask for memory that starts out as zeros; MAP_ANON asks for the same thing without opening a device. The /dev/zero driver's map routine (${f("mmsegmap")}) and, for MAP_ANON, ${f("zmap")} both ask ${f("segvn_create")} for a segment with no vnode (vp NULL) and no anon_map yet. Swap is reserved for the whole mapping at once (${f("anon_resvmem")}), but no page exists until the first touch.`,
      `A page without a file still needs a (vnode, offset) name, because the page cache, pageout and page-in all find pages by name. So the anon layer makes one up. ${f("anon_alloc")} gives each new anon struct a name on swapfs, a pseudo file system whose vnodes own no disk space (${f("swapfs_getvp")}), and ${f("anon_zero")} creates the page under that name and fills it with zeros. That is why the frames of anonymous memory show the vnode swapfs.`,
      `The name stays the same for the anon's whole life. When the page daemon pushes the page out (${f("swap_putapage")}), the anon also gets a slot on a real swap device (${f("swap_newphysname")}), and the page is freed to the cachelist still under its swapfs name (${f("pvn_write_done")}): a touch in time takes it back with no I/O. Once its frame has been reused for something else, a fault reads the page back from the slot (${f("swap_getapage")}) into a new frame, again under the same swapfs name.`,
    ],
    watch: [
      {
        step: 2,
        note: "mmap of /dev/zero: segvn_create makes a segment with vp NULL and reserves 2 pages of swap. No anon and no page yet.",
      },
      {
        step: 4,
        note: "A read fault: anon_zero calls anon_alloc, which names anon:1 (swapfs, 0x1000), then creates its page. Even a read gets a real page: seg_vn has no shared zero page.",
      },
      {
        step: 6,
        note: "swap_putapage writes the page to a swap slot, then its frame is taken for another use (reuse): the page's name is gone from memory, the anon keeps it.",
      },
      {
        step: 7,
        note: "swap_getapage reads the page back from the slot into a new frame: its name is still (swapfs, 0x1000).",
      },
    ],
  },
  {
    id: "anon-map",
    file: "4-anon-map.vms",
    prose: [
      `A segment of anonymous memory may cover thousands of pages, and every page that was touched has an anon of its own. The segment finds them through its anon_map (struct anon_map), made at the first fault by ${f("anonmap_alloc")}. The anon_map holds an anon_hdr, the array of slots: slot i points at the anon of the segment's page i, or is NULL while that page was never touched.`,
      `Why an array, one slot per page? A fault arrives with an address, and the page's number within the segment is an index: ${f("anon_get_ptr")} finds the anon with one lookup, no search. fork stays cheap, since ${f("anon_dup")} only copies slot pointers. And each page needs its own anon, with its own an_refcnt and swapfs name, because after fork pages are copied one at a time: page 1 may already be private while page 2 is still shared.`,
      `${f("anon_create")} chooses the array's shape. When the slot pointers fit in one page (512 of them on x86, 1024 on SPARC) the array is flat, exactly one slot per page. A bigger segment gets two levels: a top array of pointers to chunks of 512 slots, and a chunk is allocated only when a slot in it is first locked (${f("anon_array_enter")}) or stored (${f("anon_set_ptr")}). Every fault on the segment locks its page's slot first, so the first fault in a chunk allocates it, even a read that stores nothing there. A big mapping touched in a few places costs only a few chunks.`,
    ],
    watch: [
      {
        step: 3,
        note: "The first fault: anonmap_alloc makes amp:1 with a flat anon_hdr of exactly 4 slots, and slot 0 gets anon:1.",
      },
      {
        step: 4,
        note: "segvn_faultpage fills slot 2; slots 1 and 3 stay NULL. The slot number is the page number.",
      },
      {
        step: 6,
        note: "600 pages need more than 512 slot pointers: anonmap_alloc makes a two-level anon_hdr of 1024 slots in 2 chunks, none allocated. segvn_faultpage locks slot 550 (anon_array_enter), which allocates chunk 1; anon_set_ptr then stores the anon at its entry 38.",
      },
      {
        step: 7,
        note: "Slot 10 lies in chunk 0: locking it (anon_array_enter) allocates that chunk now, so amp:2 has 2 chunks.",
      },
    ],
  },
  {
    id: "fork-cow",
    file: "5-fork-cow.vms",
    prose: [
      `${f("cfork")} copies the parent's address space with ${f("as_dup")}, which calls ${f("segvn_dup")} for each segment. A private segment gets a new anon_map of its own, but ${f("anon_dup")} fills its slots with pointers to the parent's anon structs and adds one to each an_refcnt. No page is copied. fork does reserve swap for the child's copy of the segment, because later either process may need its own copy of every page.`,
      `Then ${f("hat_clrattr")} takes write permission away from every translation the parent has in the segment, and the child starts with no translations at all (${f("hat_dup")} copies none on x86). So the next write by either process faults.`,
      `A read fault on a shared page finds it with ${f("anon_getpage")} and maps it read-only. A write fault reaches ${f("segvn_faultpage")}, which looks at the anon's an_refcnt. Above 1, other processes share the page: ${f("anon_private")} copies it into a new anon for the writer, ${f("anon_decref")} takes one off the old anon, and ${f("anon_set_ptr")} points the writer's slot at the copy. At 1, the writer is the last holder, so it uses the page in place and nothing is copied.`,
      `swap -s allocated grows only by the pages really copied, while used grew at fork by the whole reservation of the child.`,
    ],
    watch: [
      {
        step: 4,
        note: "fork: anon_dup points P2's slots at P1's four anons (an_refcnt 2 each) and hat_clrattr makes P1's translations read-only. No page is copied.",
      },
      {
        step: 5,
        note: "P2 reads a shared page: segvn_faultpage maps it read-only, since its an_refcnt is 2.",
      },
      {
        step: 6,
        note: "P2 writes page 1: anon_private copies it into anon:5 for P2, anon_decref takes anon:2 down to an_refcnt 1, and anon_set_ptr stores anon:5 in P2's slot.",
      },
      {
        step: 7,
        note: "P1 writes page 1: anon:2 has an_refcnt 1 now, so segvn_faultpage maps it writable in place. No copy.",
      },
    ],
  },
  {
    id: "swap",
    file: "6-swap.vms",
    prose: [
      `illumos promises swap before anything uses it. ${f("segvn_create")} calls ${f("anon_resvmem")} for the whole of an anonymous mapping when it is made (and for a writable private file mapping), so every page the mapping could ever need has backing already. When the promise cannot be made, mmap fails at once with EAGAIN, rather than the process dying later at a write. ${f("anon_unresvmem")} gives the reservation back at munmap or exit.`,
      `swap -s prints the accounting (${f("swapctl")}): used is all the reservations, allocated is the number of anon structs, and reserved is the difference, promised but not yet backed by an anon. A first touch (${f("anon_zero")}) moves one page from reserved to allocated; used does not change.`,
      `Pageout is a different matter. When memory runs short the page daemon (${f("checkpage")}) picks pages to free. For a modified anon page, ${f("swap_putapage")} gets a slot on the swap device from ${f("swap_newphysname")} and writes the page there; then ${f("pvn_write_done")} frees the page to the cachelist, still under its swapfs name. The anon, its an_refcnt and swap -s all stay the same; only swap -l shows the slot in use. A touch before the frame is reused takes the page back from the cachelist with no I/O (${f("anon_getpage")}), and the slot stays allocated. Once the frame has gone to another use, the touch goes on to ${f("swap_getapage")}, which reads the page back into a new frame, frees the slot and marks the page modified.`,
    ],
    watch: [
      {
        step: 4,
        note: "64 MB cannot be reserved: anon_resvmem fails, segvn_create returns EAGAIN and nothing is created.",
      },
      {
        step: 5,
        note: "Pageout: swap_putapage writes pages 0 and 1 to swap slots and pvn_write_done frees them to the cachelist, names kept. swap -s does not change; swap -l shows 2 slots in use.",
      },
      {
        step: 6,
        note: "P1 touches page 0 in time: anon_getpage takes it back from the cachelist with no I/O, and its swap slot stays allocated.",
      },
      {
        step: 8,
        note: "Page 1's frame was reused: swap_getapage reads it back from its slot and frees the slot. The anon is the same one as before.",
      },
    ],
  },
];

function lessonOf(src: LessonSource, i: number): Lesson {
  const scenario = scenarioText(src.file);
  return {
    id: src.id,
    n: i + 1,
    title: header(scenario, "title") ?? src.id,
    prose: src.prose,
    watch: src.watch,
    scenario,
  };
}

/** The lessons, in the order a student takes them. */
export const LESSONS: Lesson[] = SOURCES.map(lessonOf);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

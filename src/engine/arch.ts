import type { Arch } from "../contract/ast";

/**
 * What differs between the two machines the simulator offers (anon-layer.md a.5, a.9, a.10).
 * Addresses are kept as virtual page numbers (vpn): a 64-bit address does not fit a JS number,
 * but its page number does.
 */
export interface ArchInfo {
  readonly arch: Arch;
  readonly pageSize: number;
  readonly pageShift: number;
  /** slot pointers in one page: PAGESIZE >> ANON_PTRSHIFT (8-byte pointers) */
  readonly anonChunkSize: number;
  /** lowest page of the program text */
  readonly textVpn: number;
  /** p_usrstack: the stack grows down from here */
  readonly usrstackVpn: number;
  /** mmap places mappings top-down from here */
  readonly mmapTopVpn: number;
  /**
   * The default stack limit (DFLSSIZ, os/rctl_proc.c) in pages: on x86 8 MiB plus
   * USRSTACK & 0x3FFFFF (i86pc/sys/vm_machparam.h), so 10 MiB; 8 MiB on sparc.
   */
  readonly stackLimitPages: number;
}

const vpnOf = (addr: bigint, shift: number): number => Number(addr >> BigInt(shift));

export function archInfo(arch: Arch): ArchInfo {
  const pageShift = arch === "x86" ? 12 : 13;
  const pageSize = 1 << pageShift;
  // amd64 user stacks end at 0xFFFFFD7FFFE00000 (truss captures); sparcv9 at 0xFFFFFFFF80000000.
  const usrstack = arch === "x86" ? 0xfffffd7fffe00000n : 0xffffffff80000000n;
  const dflssiz = 8n * 1024n * 1024n + (arch === "x86" ? usrstack & 0x3fffffn : 0n);
  return {
    arch,
    pageSize,
    pageShift,
    anonChunkSize: pageSize >> 3,
    // amd64 programs link at 0x400000; sparcv9 ones at 0x100000000.
    textVpn: vpnOf(arch === "x86" ? 0x400000n : 0x100000000n, pageShift),
    usrstackVpn: vpnOf(usrstack, pageShift),
    mmapTopVpn: vpnOf(arch === "x86" ? 0xfffffd7fff400000n : 0xffffffff7f400000n, pageShift),
    stackLimitPages: Number(dflssiz) / pageSize,
  };
}

/** `0x` + 16 lower-case hex digits, as the JSON document writes addresses. */
export function hexAddr(vpn: number, a: ArchInfo): string {
  return "0x" + (BigInt(vpn) << BigInt(a.pageShift)).toString(16).padStart(16, "0");
}

/** Scenarios with many processes on one mapping, for the picture tests and the golden drawings. */

/** Six processes share a 32-page buffer; five of them copied a page. */
export const SIX = `spawn P1 empty
P1 mmap buf /dev/zero 32 rw private
P1 write buf 0-31
P1 fork P2
P1 fork P3
P2 fork P4
P3 fork P5
P1 fork P6
P2 write buf 1
P3 write buf 5
P4 write buf 9
P5 write buf 1
P6 write buf 30
`;

/** Four processes on an 8-page buffer; page 1 copied twice. */
export const FOUR = `spawn P1 empty
P1 mmap buf /dev/zero 8 rw private
P1 write buf 0-7
P1 fork P2
P2 fork P3
P1 fork P4
P2 write buf 1
P3 write buf 2
P4 write buf 3
P3 write buf 1
`;

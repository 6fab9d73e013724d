/** What a predict question is, and the fixed answers some share. */
export type QuestionKind = "fault" | "newPage" | "refcnt" | "swapReserved" | "swapAllocated" | "result";

export interface Question {
  /** unique within one step's questions: `<step>-<kind>` */
  id: string;
  kind: QuestionKind;
  /** the question, in plain English */
  prompt: string;
  /** for multiple choice; absent for a numeric answer */
  choices?: string[];
  answer: string | number;
  /** one or two sentences saying why, naming the kernel function */
  explain: string;
  /** id of the RULES entry the answer follows, when one matches */
  rule?: string;
}

/** The most questions asked about one step. */
export const MAX_QUESTIONS = 3;

/** The answer of a newPage question when the write copies nothing. */
export const NO_COPY = "none: no copy";

export const YES = "yes";
export const NO = "no";
export const RESULT_CHOICES = ["ok", "EAGAIN", "ENOMEM", "SIGSEGV", "SIGBUS"];

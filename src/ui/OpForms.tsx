import { useState, type FormEvent, type ReactNode } from "react";
import {
  freeName,
  mmapLine,
  mprotectLine,
  NAME_RE,
  sbrkLine,
  stackLine,
  type PageSpan,
} from "../state/statements";

interface FormShellProps {
  label: string;
  onSubmit: () => void;
  onCancel: () => void;
  submit: string;
  children: ReactNode;
  error?: string | null;
}

function FormShell({ label, onSubmit, onCancel, submit, children, error }: FormShellProps) {
  const go = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form
      className="popover"
      role="dialog"
      aria-label={label}
      onSubmit={go}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {children}
      {error && <div className="parse-error">{error}</div>}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary">
          {submit}
        </button>
      </div>
    </form>
  );
}

const SIZE_RE = /^\d+[kmg]?$/i;
const PROTS = ["r", "rw", "rx", "rwx", "none"] as const;

export function MmapForm(props: {
  proc: string;
  taken: string[];
  files: readonly string[];
  onRun: (line: string) => void;
  onCancel: () => void;
}) {
  const [seg, setSeg] = useState(() => freeName(props.taken, "buf"));
  const [source, setSource] = useState("/dev/zero");
  const [size, setSize] = useState("4");
  const [prot, setProt] = useState("rw");
  const [share, setShare] = useState<"private" | "shared">("private");
  const [noreserve, setNoreserve] = useState(false);
  const error = !NAME_RE.test(seg)
    ? "The name must start with a letter (letters, digits, _)."
    : !SIZE_RE.test(size)
      ? "Size: pages (e.g. 4) or a size with a unit (8k, 64m, 1g)."
      : null;
  return (
    <FormShell
      label="mmap a new segment"
      submit="Map it"
      error={error}
      onCancel={props.onCancel}
      onSubmit={() => {
        if (!error) props.onRun(mmapLine(props.proc, { seg, source, size, prot, share, noreserve }));
      }}
    >
      <label>
        name
        <input value={seg} onChange={(e) => setSeg(e.target.value)} autoFocus aria-label="Segment name" />
      </label>
      <label>
        source
        <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Source">
          <option value="/dev/zero">/dev/zero</option>
          <option value="anon">anon (MAP_ANON)</option>
          {props.files.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        size
        <input value={size} onChange={(e) => setSize(e.target.value)} aria-label="Size" />
      </label>
      <label>
        prot
        <select value={prot} onChange={(e) => setProt(e.target.value)} aria-label="Protection">
          {PROTS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        share
        <select
          value={share}
          onChange={(e) => setShare(e.target.value as "private" | "shared")}
          aria-label="Sharing"
        >
          <option>private</option>
          <option>shared</option>
        </select>
      </label>
      <label>
        <span />
        <span>
          <input type="checkbox" checked={noreserve} onChange={(e) => setNoreserve(e.target.checked)} />{" "}
          MAP_NORESERVE
        </span>
      </label>
    </FormShell>
  );
}

export function ProtForm(props: {
  proc: string;
  seg: string;
  span: PageSpan | null;
  onRun: (line: string) => void;
  onCancel: () => void;
}) {
  const [prot, setProt] = useState("r");
  return (
    <FormShell
      label="mprotect the segment"
      submit="Apply"
      onCancel={props.onCancel}
      onSubmit={() => props.onRun(mprotectLine(props.proc, props.seg, prot, props.span))}
    >
      <label>
        prot
        <select value={prot} onChange={(e) => setProt(e.target.value)} aria-label="Protection" autoFocus>
          {PROTS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
    </FormShell>
  );
}

export function SizeForm(props: {
  kind: "sbrk" | "stack";
  proc: string;
  onRun: (line: string) => void;
  onCancel: () => void;
}) {
  const [size, setSize] = useState(props.kind === "sbrk" ? "4" : "2");
  const error = SIZE_RE.test(size) ? null : "Size: pages (e.g. 4) or a size with a unit (8k, 64m).";
  const line = props.kind === "sbrk" ? sbrkLine : stackLine;
  return (
    <FormShell
      label={props.kind === "sbrk" ? "Grow the heap" : "Grow the stack"}
      submit={props.kind}
      error={error}
      onCancel={props.onCancel}
      onSubmit={() => {
        if (!error) props.onRun(line(props.proc, size));
      }}
    >
      <label>
        size
        <input value={size} onChange={(e) => setSize(e.target.value)} aria-label="Size" autoFocus />
      </label>
    </FormShell>
  );
}

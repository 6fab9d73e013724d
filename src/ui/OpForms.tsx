import { useId, useState, type FormEvent, type ReactNode } from "react";
import { mprotectLine, type PageSpan } from "../state/statements";
import { checkStatement, type Checked, type Part } from "../state/validate";

interface FormShellProps {
  label: string;
  onSubmit: () => void;
  onCancel: () => void;
  submit: string;
  children: ReactNode;
  /** the statement the form would add, checked by the parser */
  checked: Checked | null;
  /** where it goes ("after step 3, as step 4") */
  where: string;
}

/**
 * An operation's form: its fields, the statement they make (shown as it will be written), what
 * is wrong with it, and a submit button that stays disabled until it parses.
 */
function FormShell({ label, onSubmit, onCancel, submit, children, checked, where }: FormShellProps) {
  const errId = useId();
  const error = checked?.error ?? null;
  const go = (e: FormEvent) => {
    e.preventDefault();
    if (!error) onSubmit();
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
      {checked && (
        <div className="statement">
          <span className="where">{where}</span>
          <code aria-label="Statement to add">{checked.line}</code>
        </div>
      )}
      {error && (
        <div id={errId} className="parse-error" role="alert">
          {error}
        </div>
      )}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn primary"
          disabled={error !== null}
          aria-describedby={error ? errId : undefined}
        >
          {submit}
        </button>
      </div>
    </form>
  );
}

const PROTS = ["r", "rw", "rx", "rwx", "none"] as const;

/** A text field; marked invalid when the statement's error is in it. */
function Field(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  bad: boolean;
  autoFocus?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus={props.autoFocus}
        aria-label={props.name}
        aria-invalid={props.bad ? true : undefined}
        spellCheck={false}
        autoCapitalize="off"
      />
    </label>
  );
}

export function MmapForm(props: {
  where: string;
  proc: string;
  /** the first free default name (unique in the whole scenario) */
  name: string;
  files: readonly string[];
  /** the scenario on screen: its header sets page size and files */
  shownText: string;
  onRun: (line: string, seg: string) => void;
  onCancel: () => void;
}) {
  const [seg, setSeg] = useState(props.name);
  const [source, setSource] = useState("/dev/zero");
  const [size, setSize] = useState("4");
  const [prot, setProt] = useState("rw");
  const [share, setShare] = useState<"private" | "shared">("private");
  const [noreserve, setNoreserve] = useState(false);
  const parts: Part[] = [
    { text: props.proc },
    { text: "mmap" },
    { text: seg, label: "Name" },
    { text: source, label: "Source" },
    { text: size, label: "Size" },
    { text: prot },
    { text: share },
    ...(noreserve ? [{ text: "noreserve" }] : []),
  ];
  const checked = checkStatement(props.shownText, parts);
  return (
    <FormShell
      label="mmap a new segment"
      submit="Map it"
      checked={checked}
      where={props.where}
      onCancel={props.onCancel}
      onSubmit={() => props.onRun(checked.line, seg.trim())}
    >
      <Field
        label="name"
        name="Segment name"
        value={seg}
        onChange={setSeg}
        bad={checked.field === "Name"}
        autoFocus
      />
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
      <Field label="size" name="Size" value={size} onChange={setSize} bad={checked.field === "Size"} />
      <p className="hint">pages (4), or bytes with a unit: 8k, 64m, 1g</p>
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
  where: string;
  proc: string;
  seg: string;
  span: PageSpan | null;
  onRun: (line: string) => void;
  onCancel: () => void;
}) {
  const [prot, setProt] = useState("r");
  const line = mprotectLine(props.proc, props.seg, prot, props.span);
  return (
    <FormShell
      label="mprotect the segment"
      submit="Apply"
      checked={{ line, error: null, field: null }}
      where={props.where}
      onCancel={props.onCancel}
      onSubmit={() => props.onRun(line)}
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
  where: string;
  kind: "sbrk" | "stack";
  proc: string;
  shownText: string;
  onRun: (line: string) => void;
  onCancel: () => void;
}) {
  const [size, setSize] = useState(props.kind === "sbrk" ? "4" : "2");
  const checked = checkStatement(props.shownText, [
    { text: props.proc },
    { text: props.kind },
    { text: size, label: "Size" },
  ]);
  return (
    <FormShell
      label={props.kind === "sbrk" ? "Grow the heap" : "Grow the stack"}
      submit={props.kind}
      checked={checked}
      where={props.where}
      onCancel={props.onCancel}
      onSubmit={() => props.onRun(checked.line)}
    >
      <Field
        label="size"
        name="Size"
        value={size}
        onChange={setSize}
        bad={checked.field === "Size"}
        autoFocus
      />
      <p className="hint">pages (4), or bytes with a unit: 8k, 64m, 1g</p>
    </FormShell>
  );
}

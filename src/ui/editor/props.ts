/** What both editors (TextEditor, CodeEditor) are given by ScenarioEditor. */
export interface EditorProps {
  readonly text: string;
  /** 1-based lines to mark (0: none) */
  readonly errorLine: number;
  readonly stepLine: number;
  /** later steps an operation made fail, as "3,7" (a string, so the store selector stays shallow) */
  readonly broke: string;
  readonly invalid: boolean;
  readonly describedBy?: string | undefined;
}

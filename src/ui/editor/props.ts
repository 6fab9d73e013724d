/** What both editors (TextEditor, CodeEditor) are given by ScenarioEditor. */
export interface EditorProps {
  readonly text: string;
  /** 1-based lines to mark (0: none) */
  readonly errorLine: number;
  readonly stepLine: number;
  readonly invalid: boolean;
  readonly describedBy?: string | undefined;
}

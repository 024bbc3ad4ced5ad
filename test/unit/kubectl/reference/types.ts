// Shapes of the captured reference outputs (see capture.ts).

export interface Step {
  command: string;
  stdin?: string;
  /** Wall-clock time the real kubectl ran; tests set the fixture clock to it. */
  at?: number;
  /** Streams not compared (kubectl's behaviour there is documented as a known difference). */
  ignore?: Array<'exitCode' | 'stdout' | 'stderr'>;
  /** Lines come in an order kubectl does not fix (concurrent evictions): compare them sorted. */
  unordered?: boolean;
}

export interface Scenario {
  name: string;
  /** Run with a view-only caller. */
  viewer?: boolean;
  steps: Step[];
}

export interface Reference {
  name: string;
  viewer: boolean;
  steps: Array<Step & { at: number; exitCode: number; stdout: string; stderr: string }>;
}

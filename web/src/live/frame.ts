// One render per animation frame, whatever the number of changes that arrived since the last one.
import type { ClusterState, Topic } from './store.ts';

export interface Panel {
  /** The topics this panel draws; it renders only when one of them changed. */
  topics: readonly Topic[];
  render(dirty: ReadonlySet<Topic>): void;
  name?: string;
}

const MIN_GAP_MS = 100;

/** Milliseconds spent rendering, per panel (by its first topic) and in total, with the slowest frame: cheap to keep. */
export const renderStats = { frames: 0, totalMs: 0, slowestMs: 0, byPanel: {} as Record<string, number> };

export function startRendering(state: ClusterState, panels: Panel[], onFirst?: () => void): { add(p: Panel): void } {
  let queued = false;
  let first = true;
  const frame = () => {
    queued = false;
    const dirty = state.takeDirty();
    const start = performance.now();
    for (const p of panels) {
      if (!p.topics.some((t) => dirty.has(t))) continue;
      const t0 = performance.now();
      try {
        p.render(dirty);
      } catch (e) {
        // one broken panel must not stop the others from drawing the cluster
        console.error('render failed', e);
      }
      const name = p.name ?? p.topics.join(',');
      renderStats.byPanel[name] = (renderStats.byPanel[name] ?? 0) + performance.now() - t0;
    }
    const ms = performance.now() - start;
    renderStats.frames++;
    renderStats.totalMs += ms;
    renderStats.slowestMs = Math.max(renderStats.slowestMs, ms);
    if (first && state.rv !== undefined) {
      first = false;
      onFirst?.();
    }
  };
  // While changes pour in, drawing every frame would spend the page on layout and paint for states nobody can
  // read at 60 per second; ten frames a second keep it fluid and cost a fraction.
  let last = 0;
  const request = () => {
    if (queued) return;
    queued = true;
    const wait = MIN_GAP_MS - (performance.now() - last);
    if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
  };
  const run = () => {
    last = performance.now();
    frame();
  };
  state.onChange(request);
  request();
  return {
    add(p: Panel) {
      panels.push(p);
      for (const t of p.topics) state.mark(t);
    },
  };
}

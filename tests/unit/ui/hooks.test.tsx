// @vitest-environment happy-dom
import { options, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useEffect, useId, useLayoutEffect, useMemo, useRef } from '../../../lib/ui/hooks';
import { signal } from '../../../lib/ui/signals';

/** Passive effects wait for this instead of the next frame, so each test says when the frame has come. */
let frames: Array<() => void> = [];
const scheduler = options as { requestAnimationFrame?: (fn: () => void) => void };
let root: HTMLElement;

beforeEach(() => {
  frames = [];
  scheduler.requestAnimationFrame = (fn) => void frames.push(fn);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  scheduler.requestAnimationFrame = undefined;
});

function paint(): void {
  const due = frames;
  frames = [];
  for (const fn of due) fn();
}

/** Lets Preact's debounced re-render (a microtask) happen. */
const rerendered = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('own hooks', () => {
  it('useMemo recomputes only when a dependency changed; useRef keeps one box', async () => {
    const dep = signal(1);
    const other = signal(0);
    const computed: number[] = [];
    const refs = new Set<object>();
    function Memo() {
      const value = useMemo(() => {
        computed.push(dep.value);
        return dep.value * 2;
      }, [dep.value]);
      refs.add(useRef(0));
      return (
        <p>
          {value} {other.value}
        </p>
      );
    }
    render(<Memo />, root);
    other.value = 1;
    await rerendered();
    dep.value = 2;
    await rerendered();
    expect(root.textContent).toBe('4 1');
    expect(computed).toEqual([1, 2]);
    expect(refs.size).toBe(1);
  });

  it('useEffect runs after the frame, children first, again when a dependency changed, cleaning up before', async () => {
    const dep = signal('a');
    const log: string[] = [];
    function Child() {
      useEffect(() => {
        log.push('child');
      }, []);
      return null;
    }
    function Parent() {
      const value = dep.value;
      useEffect(() => {
        log.push(`run ${value}`);
        return () => log.push(`clean ${value}`);
      }, [value]);
      useEffect(() => void log.push('every render'));
      return <Child />;
    }
    render(<Parent />, root);
    expect(log).toEqual([]);
    paint();
    expect(log).toEqual(['child', 'run a', 'every render']);
    log.length = 0;
    dep.value = 'b';
    await rerendered();
    paint();
    expect(log).toEqual(['clean a', 'run b', 'every render']);
    log.length = 0;
    render(null, root);
    expect(log).toEqual(['clean b']);
    paint();
    expect(log).toEqual(['clean b']);
  });

  it('a render before the previous effects ran runs them first', async () => {
    const dep = signal(1);
    const log: string[] = [];
    function Eager() {
      const value = dep.value;
      useEffect(() => {
        log.push(`run ${value}`);
        return () => log.push(`clean ${value}`);
      }, [value]);
      return null;
    }
    render(<Eager />, root);
    dep.value = 2;
    await rerendered();
    expect(log).toEqual(['run 1']);
    paint();
    expect(log).toEqual(['run 1', 'clean 1', 'run 2']);
  });

  it('useLayoutEffect runs when the render commits, with the element in the document, before any passive effect', async () => {
    const dep = signal(1);
    const log: string[] = [];
    function Layout() {
      const element = useRef<HTMLParagraphElement>(null);
      const value = dep.value;
      useLayoutEffect(() => {
        log.push(`layout ${value} ${element.current?.isConnected}`);
        return () => log.push(`layout clean ${value}`);
      }, [value]);
      useEffect(() => void log.push('passive'), []);
      return <p ref={element}>{value}</p>;
    }
    render(<Layout />, root);
    expect(log).toEqual(['layout 1 true']);
    paint();
    dep.value = 2;
    await rerendered();
    expect(log).toEqual(['layout 1 true', 'passive', 'layout clean 1', 'layout 2 true']);
    render(null, root);
    expect(log.at(-1)).toBe('layout clean 2');
  });

  it('useId gives each instance its own id for its whole life', async () => {
    const tick = signal(0);
    const ids: string[] = [];
    function Labelled() {
      void tick.value;
      const id = useId();
      ids.push(id);
      return <input id={id} />;
    }
    render(
      <>
        <Labelled />
        <Labelled />
      </>,
      root,
    );
    tick.value = 1;
    await rerendered();
    expect(ids).toHaveLength(4);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  batch,
  signal,
  useComputed,
  useSignal,
  useSignalEffect,
  type ReadonlySignal,
  type Signal,
} from '../../../lib/ui/signals';

afterEach(cleanup);

describe('signals in Preact components', () => {
  it('re-renders a component when a signal its render read changes, once per batch', () => {
    const count = signal(0);
    const other = signal(0);
    const renders = vi.fn();
    function Counter() {
      renders();
      return <p>{count.value}</p>;
    }
    const { container } = render(<Counter />);
    act(() => {
      count.value = 1;
    });
    expect(container.textContent).toBe('1');
    act(() => {
      batch(() => {
        count.value = 2;
        count.value = 3;
      });
      other.value = 1;
    });
    expect(container.textContent).toBe('3');
    expect(renders).toHaveBeenCalledTimes(3);
  });

  it('renders again when its render wrote a signal it had read', () => {
    const step = signal(0);
    function Steps() {
      const value = step.value;
      if (value < 2) step.value = value + 1;
      return <p>{value}</p>;
    }
    const { container } = render(<Steps />);
    expect(container.textContent).toBe('2');
  });

  it('does not re-render for a computed that kept its value', () => {
    const count = signal(1);
    const renders = vi.fn();
    function Parity() {
      const odd = useComputed(() => count.value % 2 === 1);
      renders();
      return <p>{odd.value ? 'odd' : 'even'}</p>;
    }
    const { container } = render(<Parity />);
    act(() => {
      count.value = 3;
    });
    expect(renders).toHaveBeenCalledTimes(1);
    act(() => {
      count.value = 4;
    });
    expect(container.textContent).toBe('even');
    expect(renders).toHaveBeenCalledTimes(2);
  });

  it('follows what the latest render read, and drops every subscription on unmount', () => {
    const which = signal(true);
    const a = signal('a');
    const b = signal('b');
    function Pick() {
      return <p>{which.value ? a.value : b.value}</p>;
    }
    const { container, unmount } = render(<Pick />);
    expect(a.subs.size).toBe(1);
    act(() => {
      which.value = false;
    });
    expect(container.textContent).toBe('b');
    expect(a.subs.size).toBe(0);
    expect(b.subs.size).toBe(1);
    unmount();
    expect(which.subs.size + a.subs.size + b.subs.size).toBe(0);
  });

  it('a child that reads signals renders again for its parent only when a prop changed', () => {
    const label = signal('x');
    const tick = signal(0);
    const childRenders = vi.fn();
    function Child({ suffix }: { suffix: string }) {
      childRenders();
      return <span>{label.value + suffix}</span>;
    }
    function Parent() {
      return (
        <div>
          {tick.value}
          <Child suffix={tick.value > 1 ? '!' : ''} />
        </div>
      );
    }
    const { container } = render(<Parent />);
    act(() => {
      tick.value = 1;
    });
    expect(childRenders).toHaveBeenCalledTimes(1);
    act(() => {
      tick.value = 2;
    });
    expect(childRenders).toHaveBeenCalledTimes(2);
    act(() => {
      label.value = 'y';
    });
    expect(container.textContent).toBe('2y!');
    expect(childRenders).toHaveBeenCalledTimes(3);
  });

  it('useSignal keeps one signal per instance; useComputed runs the latest render’s function', () => {
    const factor = signal(2);
    const seen: Array<Signal<number>> = [];
    function Scaled({ base }: { base: number }) {
      const own = useSignal(1);
      seen.push(own);
      const scaled = useComputed(() => own.value * base * factor.value);
      return <p>{scaled.value}</p>;
    }
    const { container, rerender } = render(<Scaled base={1} />);
    expect(container.textContent).toBe('2');
    rerender(<Scaled base={10} />);
    act(() => {
      seen[0]!.value = 3;
    });
    expect(container.textContent).toBe('60');
    expect(new Set(seen).size).toBe(1);
  });

  it('useSignalEffect runs after mount, again on change, cleans up on unmount, and never after it', () => {
    const source = signal('a');
    const log: string[] = [];
    function Watch({ of }: { of: ReadonlySignal<string> }) {
      useSignalEffect(() => {
        const value = of.value;
        log.push(`run ${value}`);
        return () => log.push(`clean ${value}`);
      });
      return null;
    }
    const { unmount } = render(<Watch of={source} />);
    act(() => {
      source.value = 'b';
    });
    act(() => {
      unmount();
      source.value = 'c';
    });
    expect(log).toEqual(['run a', 'clean a', 'run b', 'clean b']);
    expect(source.subs.size).toBe(0);
  });

  it('refuses a signal handed to an element, in development and tests', () => {
    const text = signal('x');
    expect(() => render(<p>{text}</p>)).toThrow('<p> got a signal in children');
    expect(() => render(<p data-x={text as unknown as string} />)).toThrow('<p> got a signal in data-x');
  });
});

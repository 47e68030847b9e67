import type { ComponentChildren } from 'preact';
import { t } from '../lib/ui/i18n';
import { inline, inlines, list, MAX_DEPTH, plain, type AstNode, type Ctx } from './markdown-inline';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './markdown.css';

/**
 * Rocket.Chat's markdown AST (the message's `md`, or `@rocket.chat/message-parser` output) as Preact elements.
 * The AST comes from the network, so nothing about its shape is trusted: unknown nodes render their text or
 * nothing, links and images keep only http(s)/mailto targets, and no string is ever parsed as HTML.
 */

function listItems(value: unknown, ctx: Ctx): ComponentChildren {
  return list(value).map((item, index) => <li key={index}>{inlines(item.value, ctx)}</li>);
}

function block(node: AstNode, key: number, ctx: Ctx): ComponentChildren {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (ctx.depth > MAX_DEPTH) return null;
  switch (node.type) {
    case 'PARAGRAPH':
      return <p key={key}>{inlines(node.value, inner)}</p>;
    case 'HEADING':
      return (
        <p key={key} class="lqs-md-heading">
          <strong>{inlines(node.value, inner)}</strong>
        </p>
      );
    case 'QUOTE':
    case 'BLOCKQUOTE':
      return <blockquote key={key}>{blocks(node.value, inner)}</blockquote>;
    case 'SPOILER_BLOCK':
      return (
        <details key={key} class="lqs-md-spoiler-block">
          <summary>{t('spoiler')}</summary>
          {blocks(node.value, inner)}
        </details>
      );
    case 'CODE':
      return (
        <pre key={key}>
          <code>
            {list(node.value)
              .map((line) => plain(line.value))
              .join('\n')}
          </code>
        </pre>
      );
    case 'KATEX':
      return (
        <pre key={key}>
          <code>{plain(node.value)}</code>
        </pre>
      );
    case 'UNORDERED_LIST':
      return <ul key={key}>{listItems(node.value, inner)}</ul>;
    case 'ORDERED_LIST': {
      const first = list(node.value)[0]?.number;
      return (
        <ol key={key} start={typeof first === 'number' ? first : undefined}>
          {listItems(node.value, inner)}
        </ol>
      );
    }
    case 'TASKS':
      return (
        <ul key={key} class="lqs-md-tasks">
          {list(node.value).map((task, index) => (
            <li key={index}>
              <span aria-hidden="true">{task.status === true ? '☑' : '☐'} </span>
              <span class="lqs-sr">{task.status === true ? t('taskDone') : t('taskOpen')} </span>
              {inlines(task.value, inner)}
            </li>
          ))}
        </ul>
      );
    case 'TABLE': {
      const table = node.value as { header?: unknown; rows?: unknown } | undefined;
      return (
        <div key={key} class="lqs-md-table">
          <table>
            <thead>
              <tr>
                {list(table?.header).map((cell, index) => (
                  <th key={index}>{inlines(cell.value, inner)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list(table?.rows).map((row, index) => (
                <tr key={index}>
                  {list(row.value).map((cell, column) => (
                    <td key={column}>{inlines(cell.value, inner)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'BIG_EMOJI':
      return (
        <p key={key} class="lqs-md-big">
          {inlines(node.value, inner)}
        </p>
      );
    case 'LINE_BREAK':
      return <br key={key} />;
    case 'HORIZONTAL_RULE':
      return <hr key={key} />;
    default:
      return <p key={key}>{inline(node, 0, inner)}</p>;
  }
}

function blocks(value: unknown, ctx: Ctx): ComponentChildren {
  return list(value).map((node, index) => block(node, index, ctx));
}

/** Renders a message AST; `serverUrl` resolves relative links (Rocket.Chat writes some that way). */
export function Markdown({ ast, serverUrl }: { ast: unknown; serverUrl: string | null }) {
  return (
    <div class="lqs-md">{blocks(ast, { base: serverUrl ?? 'https://invalid.invalid/', serverUrl, depth: 0 })}</div>
  );
}

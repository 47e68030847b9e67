// The chat page that popup and side panel share; index.html's data-layout says which this is.
// oxlint-disable-next-line import/no-unassigned-import -- the module mounts the chat when it runs
import '../../components/chat-page';

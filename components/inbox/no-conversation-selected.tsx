/** The right side of the inbox before a conversation is picked. */
export function NoConversationSelected() {
  return (
    <div className="grid flex-1 place-items-center p-6 text-center text-sm text-slate-500">
      <p>Pick a conversation on the left to read it and reply.</p>
    </div>
  );
}

import { NoConversationSelected } from "@/components/inbox/no-conversation-selected";

export default function InboxPage() {
  return <NoConversationSelected />;
}

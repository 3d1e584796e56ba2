import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Deskgram", template: "%s · Deskgram" },
  description: "The help desk for Telegram bots: every customer conversation, routed to the right agent.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

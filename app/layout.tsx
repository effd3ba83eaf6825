import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Corroborate", template: "%s · Corroborate" },
  description: "Verified entries traced to preserved evidence and independent origins.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}

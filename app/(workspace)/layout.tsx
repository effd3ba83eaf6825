import "../globals.css";
import { getLocale } from "next-intl/server";
import { Document } from "@/components/layout/document";
import { WorkspaceNav } from "@/components/layout/workspace-nav";
import { siteMetadata, siteViewport } from "@/lib/i18n/site-metadata";
import { workspaceFrame } from "@/lib/server/doors";

export const generateMetadata = () => siteMetadata();
export const viewport = siteViewport;

/** The pages themselves send signed-out visitors to sign in (with the way back); the layout only draws. */
export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const { actor, unread } = await workspaceFrame();
  return (
    <Document locale={await getLocale()} part="workspace">
      {actor ? <WorkspaceNav actor={actor} unread={unread} /> : null}
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </Document>
  );
}

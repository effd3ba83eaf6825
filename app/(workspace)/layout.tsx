import { WorkspaceNav } from "@/components/layout/workspace-nav";
import { requirePageActor } from "@/lib/auth/require-page-actor";

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return (
    <>
      <WorkspaceNav actor={actor} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}

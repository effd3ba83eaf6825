import { WorkspaceNav } from "@/components/layout/workspace-nav";
import { signedInActor } from "@/lib/server/doors";

/** The pages themselves send signed-out visitors to sign in (with the way back); the layout only draws. */
export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const actor = await signedInActor();
  return (
    <>
      {actor ? <WorkspaceNav actor={actor} /> : null}
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}

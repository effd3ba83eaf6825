import { NotFoundView } from "@/components/layout/not-found-view";

/** What the person may not see, or what does not exist: one page for both (lib/ answers NOT_FOUND). */
export default function WorkspaceNotFound() {
  return <NotFoundView home="/claims" workspace />;
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/people/accept-invitation-form";
import { AuthFrame } from "@/components/auth/auth-frame";
import { Bidi } from "@/components/ui/bidi";
import { passwordsAllowed } from "@/lib/auth/password";
import { signInContext } from "@/lib/server/doors";
import { findInvitation } from "@/lib/users/accept-invitation";
import { acceptInvitationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

/** The link from an invitation mail: a name and a password, or why the link does not work. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = await signInContext();
  const [invitation, t] = await Promise.all([findInvitation(db, token), getTranslations("invite")]);
  return (
    <AuthFrame>
      {invitation ? (
        <>
          <h1>{t("heading")}</h1>
          <p className="mb-6 mt-1 text-sm text-stone-600">{t.rich("intro", { email: invitation.email, addr: (c) => <Bidi className="font-medium text-stone-900">{c}</Bidi> })}</p>
          {passwordsAllowed() ? (
            <AcceptInvitationForm submit={acceptInvitationAction.bind(null, token)} name={invitation.name} />
          ) : (
            <p className="text-sm" data-testid="invitation-organisation">
              <Link href="/login" className="text-teal-800 underline">{t("organisation")}</Link>
            </p>
          )}
        </>
      ) : (
        <div data-testid="invitation-dead" className="space-y-3">
          <h1>{t("deadHeading")}</h1>
          <p className="text-sm text-stone-700">{t("dead")}</p>
          <Link href="/login" className="text-sm text-teal-800 underline">{t("signIn")}</Link>
        </div>
      )}
    </AuthFrame>
  );
}

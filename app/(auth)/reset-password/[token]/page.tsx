import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ResetForm } from "@/components/auth/reset-form";
import { buttonClass } from "@/components/ui/form";
import { isLiveResetLink } from "@/lib/account/password-reset";
import { signInContext } from "@/lib/server/doors";
import { resetPasswordAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn.reset");
  return { title: t("metaTitle") };
}

/** The page of an e-mailed reset link: its form while the link works, else what happened and a way to ask again. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = await signInContext();
  const t = await getTranslations("signIn.reset");
  if (!(await isLiveResetLink(db, token))) {
    return (
      <AuthFrame heading={t("deadHeading")} intro={t("dead")}>
        <Link href="/login/forgot" className={`${buttonClass.primary} w-full no-underline`} data-testid="ask-again">{t("askAgain")}</Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame heading={t("heading")} intro={t("intro")}>
      <ResetForm submit={resetPasswordAction} token={token} />
    </AuthFrame>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ForgotForm } from "@/components/auth/forgot-form";
import { requestResetAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn.forgot");
  return { title: t("metaTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("signIn.forgot");
  return (
    <AuthFrame heading={t("heading")} intro={t("intro")}>
      <ForgotForm submit={requestResetAction} />
    </AuthFrame>
  );
}

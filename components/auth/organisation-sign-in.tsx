import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/form";

/**
 * The button that signs in through the organisation's identity provider (OIDC): a plain form, so
 * it works before any script has loaded; the action redirects to the provider.
 */
export async function OrganisationSignIn({ submit, callbackUrl, providerName }: { submit: (form: FormData) => Promise<void>; callbackUrl: string; providerName: string }) {
  const t = await getTranslations("signIn");
  return (
    <form action={submit} data-testid="organisation-sign-in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className={`${buttonClass.secondary} w-full`}>
        {t("organisation", { name: providerName })}
      </button>
    </form>
  );
}

import "../globals.css";
import { getLocale } from "next-intl/server";
import { Document } from "@/components/layout/document";
import { siteMetadata, siteViewport } from "@/lib/i18n/site-metadata";

export const generateMetadata = () => siteMetadata();
export const viewport = siteViewport;

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  return <Document locale={await getLocale()} part="auth">{children}</Document>;
}

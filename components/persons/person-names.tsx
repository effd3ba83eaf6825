import { useTranslations } from "next-intl";
import type { PersonNameDto } from "@/lib/persons/dto";

/** A person's name forms: the first as the name, the rest as "also written". Each is data, isolated in its own direction. */
export function PersonNames({ names, className = "" }: { names: { name: string }[] | PersonNameDto[]; className?: string }) {
  const t = useTranslations("names");
  const [first, ...rest] = names;
  return (
    <span className={className}>
      <bdi className="font-medium text-stone-900">{first?.name ?? t("unnamed")}</bdi>
      {rest.length ? (
        <span className="text-stone-600">
          {" "}{t("also")}{" "}
          {rest.map((n, i) => (
            <span key={n.name}>
              {i ? t("separator") : ""}
              <bdi>{n.name}</bdi>
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}

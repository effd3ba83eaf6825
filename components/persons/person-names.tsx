import type { PersonNameDto } from "@/lib/persons/dto";

/** A person's name forms: the first as the name, the rest as "also written". */
export function PersonNames({ names, className = "" }: { names: { name: string }[] | PersonNameDto[]; className?: string }) {
  const [first, ...rest] = names;
  return (
    <span className={className}>
      <bdi className="font-medium text-stone-900">{first?.name ?? "Unnamed"}</bdi>
      {rest.length ? (
        <span className="text-stone-600">
          {" "}· also{" "}
          {rest.map((n, i) => (
            <span key={n.name}>
              {i ? ", " : ""}
              <bdi>{n.name}</bdi>
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}

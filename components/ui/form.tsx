import type { ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm placeholder:text-stone-400 focus:border-teal-700 focus:outline-none focus:ring-1 focus:ring-teal-700 aria-[invalid=true]:border-rose-600";

export const buttonClass = {
  primary:
    "inline-flex items-center justify-center gap-2 rounded-md bg-teal-800 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-teal-900 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "inline-flex items-center justify-center gap-2 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-60",
  danger:
    "inline-flex items-center justify-center gap-2 rounded-md bg-rose-800 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-rose-900 disabled:cursor-not-allowed disabled:opacity-60",
};

export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-stone-500">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-rose-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormMessage({ message, tone }: { message?: string | null; tone: "error" | "success" }) {
  if (!message) return null;
  const style =
    tone === "error" ? "border-rose-200 bg-rose-50 text-rose-900" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <p role={tone === "error" ? "alert" : "status"} data-testid={`form-${tone}`} className={`rounded-md border px-3 py-2 text-sm ${style}`}>
      {message}
    </p>
  );
}

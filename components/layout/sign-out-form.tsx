"use client";

import { signOutAction } from "@/app/(auth)/login/actions";
import { forgetDeviceDrafts } from "@/components/claims/device-draft";

/**
 * Sign out, forgetting first what this browser kept of the workspace (claims being written, the
 * addresses of unfinished uploads): a phone handed over or taken keeps none of it. The sign-in page
 * forgets it too, for a session that ended elsewhere.
 */
export function SignOutForm({ label }: { label: string }) {
  return (
    <form action={signOutAction} onSubmit={() => forgetDeviceDrafts({ signingOut: true })}>
      <button type="submit" className="min-h-11 text-teal-800 hover:underline md:min-h-0">
        {label}
      </button>
    </form>
  );
}

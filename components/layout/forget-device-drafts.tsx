"use client";

import { useEffect } from "react";
import { forgetDeviceDrafts } from "@/components/claims/device-draft";

/** On the sign-in page: whoever was signed in here is not now, so nothing of theirs stays on the device. */
export function ForgetDeviceDrafts() {
  useEffect(() => forgetDeviceDrafts(), []);
  return null;
}

"use client";

import { useEffect } from "react";
import { forgetDeviceDrafts } from "@/components/claims/device-draft";

/** On the sign-in page (whoever was signed in here is not now) and on the settings of a person who keeps nothing on the device: nothing stays. */
export function ForgetDeviceDrafts() {
  useEffect(() => forgetDeviceDrafts(), []);
  return null;
}

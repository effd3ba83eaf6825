"use client";

import { createContext, useContext } from "react";

/**
 * What the panels beside a player know of it: the moment it shows (milliseconds) and how to go to
 * another. The notes panel marks and jumps to moments through it; the frame grab saves the moment.
 */
export type PlayerMoment = {
  currentMs: number;
  /** Pauses and goes to the moment (the address follows). */
  seek: (ms: number) => void;
  /** False until the person has a copy to play (nothing to mark or grab yet). */
  isReady: boolean;
};

export const PlayerMomentContext = createContext<PlayerMoment>({ currentMs: 0, seek: () => {}, isReady: false });

export const usePlayerMoment = () => useContext(PlayerMomentContext);

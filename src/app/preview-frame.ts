/**
 * @module preview-frame
 * What the Preview pane does to its frame (back, forward, reload) and reads
 * of it (the address it shows), wherever the frame's document lives: on
 * this page's origin it is reached directly; on the sandbox's, only a page
 * of that origin may reach it, and the sandbox page does it when asked
 * (see `sandbox/sandbox-link.ts`).
 */

/** What the pane does to the frame. */
export type FrameAction = "back" | "forward" | "reload";

/** How the pane reaches its frame. */
export interface FrameReach {
  act(frame: HTMLIFrameElement, action: FrameAction): void;
  /** The frame's address now; null when it cannot be read (it left the origin). */
  href(frame: HTMLIFrameElement): Promise<string | null>;
}

/** The frame's document is this page's origin: reach it directly. */
const direct: FrameReach = {
  act(frame, action) {
    const window = frame.contentWindow;
    if (action === "back") window?.history.back();
    else if (action === "forward") window?.history.forward();
    else window?.location.reload();
  },
  href(frame) {
    try {
      return Promise.resolve(frame.contentWindow?.location.href ?? null);
    } catch {
      return Promise.resolve(null); // a frame that left the origin cannot be read
    }
  },
};

let reach: FrameReach = direct;

/** How the pane reaches its frame now. */
export function frameReach(): FrameReach {
  return reach;
}

/** The frame is the sandbox's: reach it this way. */
export function reachFrameWith(other: FrameReach): void {
  reach = other;
}

/**
 * @module BarDialog
 * A dialog that drops from a button of the top bar (Keys, About): its
 * title, a close button that has the focus when it opens, Escape to close.
 * Drawn only while open; the opener puts the focus back where it was.
 */
import { useEffect, useRef, type ReactNode } from "react";

/** The dialog; `label` names it for screen readers, `onClose` closes it. */
export function BarDialog({
  label,
  title,
  className,
  onClose,
  children,
}: {
  label: string;
  title: string;
  className: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className={`examples ${className}`}
      role="dialog"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div className="examples-head">
        <strong>{title}</strong>
        <button
          ref={close}
          type="button"
          className="icon"
          aria-label={`Close ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {children}
    </div>
  );
}

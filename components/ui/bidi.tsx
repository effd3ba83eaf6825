/**
 * Text that reads left to right whatever the page's direction: a hash, an address, an e-mail, a
 * file name or code inside Arabic text. `<bdi dir="ltr">` isolates it, so neither it nor the
 * sentence around it is reordered.
 */
export function Bidi({ children, className, ...rest }: { children: React.ReactNode; className?: string; "data-testid"?: string; title?: string }) {
  return (
    <bdi dir="ltr" className={className} {...rest}>
      {children}
    </bdi>
  );
}

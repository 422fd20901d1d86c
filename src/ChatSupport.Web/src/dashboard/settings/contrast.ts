// The contrast of a colour with white text (WCAG 2), shown as the admin picks the widget's colour. The server's check
// (SettingsValidation.ContrastWithWhite) is the rule; this only says in advance what it will answer.
export function contrastWithWhite(hex: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

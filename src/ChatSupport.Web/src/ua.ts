// Browser and operating system from the user agent, with bowser (a small, maintained parser).
import Bowser from "bowser";

export function describeUserAgent(ua: string): { browser: string; operatingSystem: string } {
  try {
    const p = Bowser.parse(ua);
    return {
      browser: [p.browser.name, p.browser.version].filter(Boolean).join(" "),
      operatingSystem: [p.os.name, p.os.versionName || p.os.version].filter(Boolean).join(" "),
    };
  } catch {
    return { browser: "", operatingSystem: "" };
  }
}

/**
 * A short description of this browser, so an administrator approving a device can tell a
 * watch-room workstation from a laptop. Only a hint: the key is what identifies the device.
 */
export function describeBrowser(userAgent: string = navigator.userAgent, platform: string = navigator.platform): { browser: string; platform: string } {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chromium\//.test(userAgent)
        ? 'Chromium'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : 'Browser';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : platform || '?';
  return { browser, platform: system };
}
